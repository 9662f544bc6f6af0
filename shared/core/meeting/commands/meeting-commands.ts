import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { Emitter } from '../../emitter.ts';
import { encodeMessage } from '../../protocol/codec.ts';
import type { CommandAction, Role, RosterBody, SignedCommand } from '../../protocol/schemas.ts';
import type { Log } from '../link-messages.ts';
import { CommandIssuer } from './command-issuer.ts';
import { CommandVerifier } from './command-verifier.ts';

export interface MeetingCommandsDeps {
  meetingId: string;
  selfPeerId: string;
  hostPeerId: string;
  /** Signs our commands: the host key on the host's side, a guest's session key otherwise. */
  identity: SigningKeyPair;
  isHost: boolean;
  /** The newest roster this side verified (or, on the host's side, signed). */
  roster(): RosterBody | null;
  /** The host key this side proved; null before that. */
  hostKey(): CryptoKey | null;
  log: Log;
}

/** What verified commands mean for this side. */
export interface MeetingCommandsEvents {
  /** The host (or a co-host) asked us to turn our microphone off. */
  'asked-to-mute': [];
  /** The host or a co-host lowered our raised hand. */
  'hand-lowered': [];
  /** Someone was removed: us, or a peer to drop and refuse from now on. */
  removed: [string];
  /** The host gave us this role (the signed roster carries it; this is word to the person). */
  'role-given': [Role];
  locked: [boolean];
  'ended-for-all': [];
  /** Host's side: a co-host decided on a knock in the lobby (signer's peer id, then the action). */
  'lobby-decision': [string, LobbyAction];
  /** A command not acted on (the sender's peer id, then why): forged, replayed, not allowed. */
  ignored: [string, string];
}

export type LobbyAction = Extract<CommandAction, { kind: 'admit' | 'deny' }>;

/**
 * The commands of one meeting: ours signed and numbered, others' verified (see
 * CommandVerifier) and turned into events. Also keeps whether the meeting is locked.
 */
export class MeetingCommands {
  readonly events = new Emitter<MeetingCommandsEvents>();
  private readonly issuer: CommandIssuer;
  private readonly verifier: CommandVerifier;
  private _locked = false;
  /** The last command being signed: numbers go out in the order they were given. */
  private signing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: MeetingCommandsDeps) {
    this.issuer = new CommandIssuer(deps);
    this.verifier = new CommandVerifier(deps);
  }

  get locked(): boolean {
    return this._locked;
  }

  /**
   * Signs a command as a wire message; rejects with NotAllowed when our role may not. One at a
   * time: signatures finish in any order, and a receiver refuses a number below one it has seen.
   */
  async issue(action: CommandAction): Promise<string> {
    const signed = this.signing.then(() => this.issuer.issue(action));
    this.signing = signed.catch(() => undefined);
    const text = encodeMessage('command', { command: await signed });
    if (action.kind === 'lock' || action.kind === 'unlock') this.setLocked(action.kind === 'lock');
    return text;
  }

  async handleCommand(fromPeerId: string, command: SignedCommand): Promise<void> {
    const verdict = await this.verifier.verify(command);
    if (!verdict.ok) {
      this.deps.log(`ignored a command from ${fromPeerId}: ${verdict.reason}`);
      this.events.emit('ignored', fromPeerId, verdict.reason);
      return;
    }
    const { action } = verdict.body;
    const toUs = 'target' in action && action.target === this.deps.selfPeerId;
    switch (action.kind) {
      case 'ask-mute':
        if (toUs) this.events.emit('asked-to-mute');
        return;
      case 'lower-hand':
        if (toUs) this.events.emit('hand-lowered');
        return;
      case 'remove':
        return this.events.emit('removed', action.target);
      case 'set-role':
        if (toUs) this.events.emit('role-given', action.role);
        return;
      case 'lock':
      case 'unlock':
        return this.setLocked(action.kind === 'lock');
      case 'end':
        return this.events.emit('ended-for-all');
      case 'admit':
      case 'deny':
        // Only the host holds the lobby; anyone else has no use for these.
        if (this.deps.isHost) this.events.emit('lobby-decision', verdict.body.signer, action);
        else this.deps.log(`ignored ${action.kind} from ${fromPeerId}: not the host`);
        return;
    }
  }

  private setLocked(locked: boolean): void {
    if (locked === this._locked) return;
    this._locked = locked;
    this.events.emit('locked', locked);
  }
}
