import { ConclaveError, ErrorCode } from '../../errors.ts';
import type { SignedRoster, WireMessage } from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { LinkClosedError, LinkTimeoutError, waitForOpen } from '../link-messages.ts';
import type { PeerGone, Room, RoomContext } from '../room.ts';
import { verifyRoster } from '../roster.ts';
import {
  denial,
  HandshakeCutShortError,
  runGuestAdmission,
  type Admission,
} from './guest-admission.ts';
import type { GuestLobbyHooks } from './lobby-wait.ts';
import { HostAway } from './host-away.ts';

const HOST_CONNECT_TIMEOUT_MS = 10_000;

/** A guest's side: proves the host, gets admitted, then meshes with everyone on the roster. */
export class GuestRoom implements Room {
  readonly farewell = 'leave';
  private hostKey: CryptoKey | null = null;
  private roster: SignedRoster | null = null;
  private readonly hostAway: HostAway;

  constructor(
    private readonly ctx: RoomContext,
    private readonly lobby: GuestLobbyHooks,
  ) {
    this.hostAway = new HostAway(ctx, async () => {
      const admitted = await this.admitAtHost();
      if (admitted) this.enter(admitted, false);
    });
  }

  private get rosterVersion(): number {
    return this.roster?.body.version ?? 0;
  }

  async start(): Promise<void> {
    const { ctx } = this;
    // Others may connect as soon as the host tells them about us: the mesh parks them until our
    // own roster has them.
    ctx.transport.events.on('data-link', (incoming) => ctx.mesh.handleIncomingData(incoming));
    const admitted = await this.admitAtHost();
    if (admitted) this.enter(admitted, true);
  }

  /** Admitted (again, when `newcomer` is false: the host came back): into the meeting. */
  private enter({ link, admission }: Admitted, newcomer: boolean): void {
    const { ctx } = this;
    const { mesh } = ctx;
    if (ctx.isEnded()) {
      admission.early.release();
      return link.close();
    }
    // Never a roster at or below one already verified, not even from the host's own admit.
    if (admission.roster.body.version <= this.rosterVersion) {
      admission.early.release();
      link.close();
      return ctx.end(new ConclaveError(ErrorCode.HostCheckFailed, { detail: 'old roster' }));
    }
    this.hostKey = admission.hostKey;
    ctx.setTitle(admission.title);
    this.applyRoster(admission.roster);
    mesh.adoptVerifiedDataLink(link, admission.early);
    // The early call to the host may have been dropped while we waited (the host holds only a
    // few calls from strangers): place it again now that we are on the roster.
    if (!mesh.mediaLink(ctx.hostPeerId)) mesh.connect(ctx.hostPeerId, { data: false, media: true });
    // The newcomer opens connections to everyone else already there. Someone let back in after
    // the host's return is still connected to them, unless an outage outlasted the give-up: the
    // other side may have dropped the link, so the one let back in places it again (should the
    // other side be placing one too, the mesh keeps one of the two).
    for (const member of admission.roster.body.members) {
      if (member.peerId === ctx.selfPeerId || member.peerId === ctx.hostPeerId) continue;
      if (!newcomer && mesh.verifiedDataLink(member.peerId)) continue;
      mesh.connect(member.peerId, { data: true, media: !mesh.mediaLink(member.peerId) });
    }
    ctx.setPhase('in-meeting');
  }

  hostPublicKey(): CryptoKey | null {
    return this.hostKey;
  }

  handleMessage(peerId: string, message: WireMessage): boolean {
    if (peerId !== this.ctx.hostPeerId) return false;
    switch (message.t) {
      case 'roster':
        void this.handleRosterUpdate(message.roster);
        return true;
      case 'end':
        this.ctx.end(new ConclaveError(ErrorCode.HostLeft));
        return true;
      case 'deny':
        this.ctx.end(denial(message.reason));
        return true;
      default:
        return false;
    }
  }

  handlePeerGone(peerId: string, how: PeerGone): void {
    if (peerId !== this.ctx.hostPeerId) return this.ctx.mesh.dropPeer(peerId);
    if (this.roster) this.hostAway.begin(how, this.roster.body);
  }

  /**
   * Reaches the host and runs the admission, again when the host's side hung up before its
   * challenge (it was busy with other knocks, or coming back).
   */
  private async admitAtHost(): Promise<Admitted | null> {
    const { ctx } = this;
    while (!ctx.isEnded()) {
      const link = await this.reachHost();
      if (!link) return null;
      this.setPhase('joining');
      try {
        const admission = await runGuestAdmission({
          link,
          invite: ctx.invite,
          hostPeerId: ctx.hostPeerId,
          selfPeerId: ctx.selfPeerId,
          displayName: ctx.displayName,
          selfFingerprint: ctx.transport.localFingerprint,
          lobby: this.lobby,
          log: ctx.log,
        });
        return { link, admission };
      } catch (error) {
        if (!(error instanceof HandshakeCutShortError)) throw error;
        ctx.log(`the host hung up before its challenge (${error.message}): trying again`);
        ctx.mesh.dropPeer(ctx.hostPeerId);
        await delay(ctx.retryDelayMs);
      }
    }
    return null;
  }

  /**
   * Connects to the host's peer id, waiting (and retrying) while the host is not there. The
   * media call starts at the same time; the mesh holds it until the host is verified.
   */
  private async reachHost(): Promise<DataLink | null> {
    const { ctx } = this;
    const { transport, mesh, hostPeerId } = ctx;
    while (!ctx.isEnded()) {
      const link = transport.connect(hostPeerId);
      mesh.connect(hostPeerId, { data: false, media: true });
      const unavailable = new Promise<'unavailable'>((resolve) => {
        const off = transport.events.on('peer-unavailable', (peerId) => {
          if (peerId !== hostPeerId) return;
          off();
          resolve('unavailable');
        });
        link.events.once('close', off);
        link.events.once('open', off);
      });
      try {
        const outcome = await Promise.race([
          waitForOpen(link, HOST_CONNECT_TIMEOUT_MS),
          unavailable,
        ]);
        if (outcome !== 'unavailable') return link;
      } catch (error) {
        if (!(error instanceof LinkClosedError || error instanceof LinkTimeoutError)) throw error;
      }
      link.close();
      mesh.dropPeer(hostPeerId);
      if (ctx.isEnded()) break;
      this.setPhase('waiting-for-host');
      await delay(ctx.retryDelayMs);
    }
    return null;
  }

  private async handleRosterUpdate(roster: SignedRoster): Promise<void> {
    if (!this.hostKey || roster.body.meetingId !== this.ctx.invite.meetingId) return;
    if (roster.body.version <= this.rosterVersion) return;
    if (!(await verifyRoster(this.hostKey, roster))) {
      this.ctx.log('ignored a roster with a bad signature');
      return;
    }
    if (roster.body.version <= this.rosterVersion) return;
    this.applyRoster(roster);
  }

  private applyRoster(roster: SignedRoster): void {
    this.roster = roster;
    this.ctx.applyRoster(roster);
  }

  /** While the host is away, the screen keeps saying so until they are back. */
  private setPhase(phase: 'joining' | 'waiting-for-host'): void {
    if (!this.hostAway.isAway) this.ctx.setPhase(phase);
  }
}

interface Admitted {
  link: DataLink;
  admission: Admission;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
