import { randomNonce } from '../../crypto/random.ts';
import { Emitter } from '../emitter.ts';
import { encodeMessage } from '../protocol/codec.ts';
import type { MessageOf } from '../protocol/schemas.ts';
import type { Fingerprints } from '../signaling/transport.ts';
import { commitTo, deriveSas, type ShortAuthString } from './sas.ts';

export type SasMessage = MessageOf<'sas-commit' | 'sas-nonce' | 'sas-reveal'>;

export type SasState =
  | { status: 'pending' }
  | { status: 'ready'; sas: ShortAuthString }
  /** The other side's reveal did not match its commitment: someone tampered, or it cheated. */
  | { status: 'failed' };

export interface PeerVerificationDeps {
  meetingId: string;
  /** Known once the meeting has registered with the server. */
  selfPeerId(): string;
  /** Sends on the roster-verified data link to that peer. */
  send(peerId: string, text: string): void;
  /** DTLS fingerprints of that verified data link. */
  fingerprints(peerId: string): Promise<Fingerprints> | null;
  log(line: string): void;
}

type Round =
  | { role: 'initiator'; step: 'sent-commit'; nonce: string }
  | { role: 'responder'; step: 'sent-nonce'; commit: string; nonce: string }
  | { role: 'done' };

/**
 * The short authentication string with each peer (SECURITY.md, "Verification by people"):
 * commit, then reveal, over the roster-verified data link. Either side starts a round when its
 * person asks to compare; a new commitment starts a new round on the other side. When both
 * commit at once, the lower peer id's round goes on and the other side answers it.
 */
export class PeerVerification {
  /** `forgotten`: they went, and with them every code compared with them. */
  readonly events = new Emitter<{ changed: [string]; forgotten: [string] }>();
  private readonly rounds = new Map<string, Round>();
  private readonly states = new Map<string, SasState>();

  constructor(private readonly deps: PeerVerificationDeps) {}

  state(peerId: string): SasState {
    return this.states.get(peerId) ?? { status: 'pending' };
  }

  /** Starts a round unless one is under way or done; `again` starts over regardless. */
  compare(peerId: string, again = false): void {
    if (!again && (this.rounds.has(peerId) || this.states.has(peerId))) return;
    void this.startRound(peerId).catch((error: unknown) =>
      this.deps.log(`SAS with ${peerId}: ${String(error)}`),
    );
  }

  handleMessage(peerId: string, message: SasMessage): void {
    void this.step(peerId, message).catch((error: unknown) =>
      this.deps.log(`SAS with ${peerId}: ${String(error)}`),
    );
  }

  handlePeerGone(peerId: string): void {
    this.rounds.delete(peerId);
    if (this.states.delete(peerId)) this.events.emit('changed', peerId);
    this.events.emit('forgotten', peerId);
  }

  private async startRound(peerId: string): Promise<void> {
    const nonce = randomNonce();
    const round: Round = { role: 'initiator', step: 'sent-commit', nonce };
    this.rounds.set(peerId, round);
    this.setState(peerId, { status: 'pending' });
    const commit = await commitTo(nonce);
    // The other side's commitment may have come first, and we answered it instead.
    if (this.rounds.get(peerId) === round) {
      this.deps.send(peerId, encodeMessage('sas-commit', { commit }));
    }
  }

  private async step(peerId: string, message: SasMessage): Promise<void> {
    const round = this.rounds.get(peerId);
    const ourRoundWins = round?.role === 'initiator' && this.deps.selfPeerId() < peerId;
    if (message.t === 'sas-commit' && !ourRoundWins) {
      const nonce = randomNonce();
      this.rounds.set(peerId, {
        role: 'responder',
        step: 'sent-nonce',
        commit: message.commit,
        nonce,
      });
      this.setState(peerId, { status: 'pending' });
      this.deps.send(peerId, encodeMessage('sas-nonce', { nonce }));
      return;
    }
    if (message.t === 'sas-nonce' && round?.role === 'initiator') {
      this.rounds.set(peerId, { role: 'done' });
      this.deps.send(peerId, encodeMessage('sas-reveal', { nonce: round.nonce }));
      return this.finish(peerId, round.nonce, message.nonce, true);
    }
    if (message.t === 'sas-reveal' && round?.role === 'responder') {
      this.rounds.set(peerId, { role: 'done' });
      if ((await commitTo(message.nonce)) !== round.commit) {
        this.deps.log(`SAS with ${peerId}: the reveal does not match the commitment`);
        return this.setState(peerId, { status: 'failed' });
      }
      return this.finish(peerId, message.nonce, round.nonce, false);
    }
    this.deps.log(`SAS with ${peerId}: ${message.t} out of turn, ignored`);
  }

  private async finish(
    peerId: string,
    initiatorNonce: string,
    responderNonce: string,
    selfInitiated: boolean,
  ): Promise<void> {
    const fingerprints = await this.deps.fingerprints(peerId);
    if (!fingerprints) return;
    const self = this.deps.selfPeerId();
    const sas = await deriveSas({
      meetingId: this.deps.meetingId,
      fingerprints: [fingerprints.local, fingerprints.remote],
      initiatorId: selfInitiated ? self : peerId,
      responderId: selfInitiated ? peerId : self,
      initiatorNonce,
      responderNonce,
    });
    if (this.rounds.get(peerId)?.role === 'done') this.setState(peerId, { status: 'ready', sas });
  }

  private setState(peerId: string, state: SasState): void {
    this.states.set(peerId, state);
    this.events.emit('changed', peerId);
  }
}
