import { encodeMessage } from '../../protocol/codec.ts';
import type { RosterBody } from '../../protocol/schemas.ts';
import type { LobbyAction } from '../commands/meeting-commands.ts';
import type { Log } from '../link-messages.ts';
import { findMember } from '../roster.ts';
import type { HostWaitingRoom } from './host-waiting-room.ts';

export interface LobbyShareDeps {
  room: HostWaitingRoom;
  /** The newest roster the host signed. */
  roster(): RosterBody | null;
  /** Sends over the peer's verified data link (nothing when there is none). */
  send(peerId: string, text: string): void;
  log: Log;
}

/**
 * The host's side of co-hosts' say over the lobby: every co-host on the signed roster gets the
 * waiting list whenever it changes (the whole list, at most MAX_LOBBY entries), someone who stops
 * being co-host gets an empty one, and a co-host's verified decision is carried out exactly as
 * if the host had clicked. Participants and viewers are told nothing.
 */
export class LobbyShare {
  /** What each co-host was last sent. */
  private readonly sent = new Map<string, string>();

  constructor(private readonly deps: LobbyShareDeps) {
    deps.room.events.on('changed', () => this.sync());
  }

  /** Brings every co-host (and everyone who no longer is one) up to date. */
  sync(): void {
    const coHosts = new Set(
      (this.deps.roster()?.members ?? []).filter((m) => m.role === 'co-host').map((m) => m.peerId),
    );
    const text = encodeMessage('lobby', { entries: this.deps.room.waiting });
    for (const peerId of coHosts) {
      if (this.sent.get(peerId) === text) continue;
      this.sent.set(peerId, text);
      this.deps.send(peerId, text);
    }
    for (const peerId of this.sent.keys()) {
      if (coHosts.has(peerId)) continue;
      this.sent.delete(peerId);
      this.deps.send(peerId, encodeMessage('lobby', { entries: [] }));
    }
  }

  /** A (new) verified data link to someone: whatever went before may not have reached them. */
  handlePeerReady(peerId: string): void {
    this.sent.delete(peerId);
    this.sync();
  }

  /** A command the verifier accepted: its signer is a co-host on the roster signed now. */
  handleDecision(signer: string, { kind, entry }: LobbyAction): void {
    const roster = this.deps.roster();
    const by = (roster && findMember(roster, signer)?.name) ?? signer;
    const decided = this.deps.room.decide(entry, kind === 'admit', `co-host ${by}`);
    if (!decided) {
      this.deps.log(`ignored ${kind} from ${by}: nobody waits under that entry`);
      return;
    }
    const verb = kind === 'admit' ? 'admitted' : 'denied';
    this.deps.log(`${verb} ${decided.name} (${verb} by ${by})`);
  }
}
