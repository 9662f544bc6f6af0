import type { SigningKeyPair } from '../../../crypto/signing.ts';
import { ConclaveError, ErrorCode } from '../../errors.ts';
import type { CommandAction, RosterBody, SignedCommand } from '../../protocol/schemas.ts';
import { findMember } from '../roster.ts';
import { signCommand } from './command-signature.ts';
import { mayIssue, validTarget } from './role-rules.ts';
import { SequenceCounter } from './sequence.ts';

export interface CommandIssuerDeps {
  meetingId: string;
  selfPeerId: string;
  /** The host key on the host's side; a guest's session key (bound to its peer id) otherwise. */
  identity: SigningKeyPair;
  isHost: boolean;
  roster(): RosterBody | null;
}

/** Signs our own commands, under the same rules every receiver applies. */
export class CommandIssuer {
  private readonly seq = new SequenceCounter();

  constructor(private readonly deps: CommandIssuerDeps) {}

  async issue(action: CommandAction): Promise<SignedCommand> {
    const { deps } = this;
    const roster = deps.roster();
    const role = roster && findMember(roster, deps.selfPeerId)?.role;
    if (!roster || !mayIssue(role ?? undefined, action.kind) || !validTarget(roster, action)) {
      throw new ConclaveError(ErrorCode.NotAllowed, { detail: action.kind });
    }
    const body = {
      meetingId: deps.meetingId,
      signer: deps.selfPeerId,
      seq: this.seq.next(),
      action,
    };
    const sig = await signCommand(deps.identity.privateKey, body);
    // Receivers know the host key already; a co-host's key comes along, checked against its id.
    return deps.isHost ? { body, sig } : { body, signerKey: deps.identity.publicKeySpki, sig };
  }
}
