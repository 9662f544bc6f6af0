import { ConclaveError, ErrorCode } from '../../errors.ts';
import type { SignedRoster, WireMessage } from '../../protocol/schemas.ts';
import type { DataLink } from '../../signaling/transport.ts';
import { LinkClosedError, LinkTimeoutError, waitForOpen } from '../link-messages.ts';
import type { Room, RoomContext } from '../room.ts';
import { verifyRoster } from '../roster.ts';
import {
  denial,
  HandshakeCutShortError,
  runGuestAdmission,
  type Admission,
} from './guest-admission.ts';
import type { GuestLobbyHooks } from './lobby-wait.ts';

const HOST_CONNECT_TIMEOUT_MS = 10_000;

/** A guest's side: proves the host, gets admitted, then meshes with everyone on the roster. */
export class GuestRoom implements Room {
  readonly farewell = 'leave';
  private hostKey: CryptoKey | null = null;
  private rosterVersion = 0;

  constructor(
    private readonly ctx: RoomContext,
    private readonly lobby: GuestLobbyHooks,
  ) {}

  async start(): Promise<void> {
    const { ctx } = this;
    const { mesh } = ctx;
    // Others may connect as soon as the host tells them about us: the mesh parks them until our
    // own roster has them.
    ctx.transport.events.on('data-link', (incoming) => mesh.handleIncomingData(incoming));
    const admitted = await this.admitAtHost();
    if (!admitted) return;
    const { link, admission } = admitted;
    if (ctx.isEnded()) {
      admission.early.release();
      return link.close();
    }
    this.hostKey = admission.hostKey;
    this.applyRoster(admission.roster);
    mesh.adoptVerifiedDataLink(link, admission.early);
    // The early call to the host may have been dropped while we waited (the host holds only a
    // few calls from strangers): place it again now that we are on the roster.
    if (!mesh.mediaLink(ctx.hostPeerId)) mesh.connect(ctx.hostPeerId, { data: false, media: true });
    // The newcomer opens connections to everyone else already there.
    for (const member of admission.roster.body.members) {
      if (member.peerId === ctx.selfPeerId || member.peerId === ctx.hostPeerId) continue;
      mesh.connect(member.peerId, { data: true, media: true });
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

  handlePeerGone(peerId: string): void {
    if (peerId === this.ctx.hostPeerId) this.ctx.end(new ConclaveError(ErrorCode.HostLeft));
    else this.ctx.mesh.dropPeer(peerId);
  }

  /**
   * Reaches the host and runs the admission, again when the host's side hung up before its
   * challenge (it was busy with other knocks, or coming back).
   */
  private async admitAtHost(): Promise<{ link: DataLink; admission: Admission } | null> {
    const { ctx } = this;
    while (!ctx.isEnded()) {
      const link = await this.reachHost();
      if (!link) return null;
      ctx.setPhase('joining');
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
      ctx.setPhase('waiting-for-host');
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
    this.rosterVersion = roster.body.version;
    this.ctx.applyRoster(roster);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
