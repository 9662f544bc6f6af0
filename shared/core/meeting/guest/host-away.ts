import { ConclaveError, ErrorCode } from '../../errors.ts';
import type { RosterBody } from '../../protocol/schemas.ts';
import type { PeerGone, RoomContext } from '../room.ts';

/**
 * A host who said goodbye is still registered with the server for a moment: a knock sent at
 * once could reach the page that is going away, and wait out a whole connect timeout.
 */
const HOST_LEFT_PAUSE_MS = 500;

/**
 * A guest whose host went away without ending the meeting (the host's page closed, reloaded or
 * lost its connection). Everyone else stays connected; the host's entry leaves our view of the
 * roster until the host proves its key again, and we knock until the host is back.
 */
export class HostAway {
  private away = false;

  constructor(
    private readonly ctx: RoomContext,
    /** Runs the admission again, waiting while the host is not there; null once ended. */
    private readonly knock: () => Promise<unknown>,
  ) {}

  get isAway(): boolean {
    return this.away;
  }

  begin(how: PeerGone, roster: RosterBody): void {
    const { ctx } = this;
    // The host's goodbye comes first and its connection closes after: the goodbye is the news.
    if (this.away) return;
    this.away = true;
    ctx.setPhase(how === 'left' ? 'host-left' : 'host-lost');
    const others = roster.members.filter((m) => m.peerId !== ctx.hostPeerId);
    ctx.mesh.setRoster({ ...roster, members: others });
    void this.knockUntilBack(how === 'left' ? Math.min(HOST_LEFT_PAUSE_MS, ctx.retryDelayMs) : 0);
  }

  private async knockUntilBack(pauseMs: number): Promise<void> {
    try {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await this.knock();
    } catch (error) {
      this.ctx.end(
        error instanceof ConclaveError
          ? error
          : new ConclaveError(ErrorCode.ConnectionLost, { cause: error }),
      );
    } finally {
      this.away = false;
    }
  }
}
