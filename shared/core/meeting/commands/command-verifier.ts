import { fromBase64Url } from '../../../crypto/encoding.ts';
import { importPublicKey, sha256Base64Url } from '../../../crypto/signing.ts';
import type { CommandBody, Role, RosterBody, SignedCommand } from '../../protocol/schemas.ts';
import { peerIdFromKeyDigest } from '../../signaling/peer-identity.ts';
import { findMember } from '../roster.ts';
import { verifyCommand } from './command-signature.ts';
import { mayIssue, validTarget } from './role-rules.ts';
import { SequenceTracker } from './sequence.ts';

export type CommandVerdict = { ok: true; body: CommandBody } | { ok: false; reason: string };

export interface CommandVerifierDeps {
  meetingId: string;
  hostPeerId: string;
  /** The host key this side proved (the host's own, on the host's side); null before that. */
  hostKey(): CryptoKey | null;
  /** The newest roster this side verified. */
  roster(): RosterBody | null;
}

/**
 * Accepts a command only if it is for this meeting, its signer is on the newest verified roster
 * in a role allowed to issue it, its number is higher than any seen from that signer, and the
 * signature is the host key's or (for a co-host) that of the session key bound to the signer's
 * peer id. Cheap checks come first, so a participant's flood costs no signature checks.
 */
export class CommandVerifier {
  private readonly seen = new SequenceTracker();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CommandVerifierDeps) {}

  /** One at a time, in arrival order, so numbers are checked and recorded in turn. */
  verify(signed: SignedCommand): Promise<CommandVerdict> {
    const next = this.queue.then(() => this.check(signed));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async check({ body, signerKey, sig }: SignedCommand): Promise<CommandVerdict> {
    const roster = this.deps.roster();
    if (!roster) return refuse('before any roster');
    if (body.meetingId !== this.deps.meetingId) return refuse('for another meeting');
    const signer = findMember(roster, body.signer);
    if (!signer || !mayIssue(signer.role, body.action.kind)) {
      return refuse(`${body.action.kind} from ${signer?.role ?? 'someone not on the roster'}`);
    }
    if (!validTarget(roster, body.action)) return refuse('a target it cannot have');
    if (!this.seen.isNew(body.signer, body.seq)) return refuse('replayed');
    const key = await this.signerKey(body.signer, signer.role, signerKey);
    if (!key || !(await verifyCommand(key, body, sig))) return refuse('bad signature');
    if (!this.seen.isNew(body.signer, body.seq)) return refuse('replayed');
    this.seen.record(body.signer, body.seq);
    return { ok: true, body };
  }

  private async signerKey(signer: string, role: Role, spki?: string): Promise<CryptoKey | null> {
    if (role === 'host') return signer === this.deps.hostPeerId ? this.deps.hostKey() : null;
    if (!spki) return null;
    let bytes;
    try {
      bytes = fromBase64Url(spki);
    } catch {
      return null;
    }
    if (peerIdFromKeyDigest(await sha256Base64Url(bytes)) !== signer) return null;
    return importPublicKey(bytes);
  }
}

function refuse(reason: string): CommandVerdict {
  return { ok: false, reason };
}
