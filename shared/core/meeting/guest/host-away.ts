import { ConclaveError, ErrorCode } from '../../errors.ts';
import type { RosterBody } from '../../protocol/schemas.ts';
import type { PeerGone, RoomContext } from '../room.ts';

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
    void this.knockUntilBack();
  }

  private async knockUntilBack(): Promise<void> {
    try {
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
