import { sign, verify } from '../../../crypto/signing.ts';
import type { CommandBody } from '../../protocol/schemas.ts';

/** Unambiguous bytes to sign: field order fixed here, not by whoever built the object. */
function canonicalCommand(body: CommandBody): string {
  const { action } = body;
  return JSON.stringify([
    'conclave/command/v1',
    body.meetingId,
    body.signer,
    body.seq,
    action.kind,
    'target' in action ? action.target : null,
    action.kind === 'set-role' ? action.role : null,
    'entry' in action ? action.entry : null,
  ]);
}

export function signCommand(privateKey: CryptoKey, body: CommandBody): Promise<string> {
  return sign(privateKey, canonicalCommand(body));
}

export function verifyCommand(key: CryptoKey, body: CommandBody, sig: string): Promise<boolean> {
  return verify(key, canonicalCommand(body), sig);
}
