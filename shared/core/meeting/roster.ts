import { sign, verify } from '../../crypto/signing.ts';
import type { RosterBody, RosterMember, SignedRoster } from '../protocol/schemas.ts';

/** Unambiguous bytes to sign: field order fixed here, not by whoever built the object. */
function canonicalRoster(body: RosterBody): string {
  return JSON.stringify([
    'conclave/roster/v1',
    body.meetingId,
    body.version,
    body.members.map((m) => [m.peerId, m.name, m.role, m.fingerprint]),
  ]);
}

export async function signRoster(privateKey: CryptoKey, body: RosterBody): Promise<SignedRoster> {
  return { body, sig: await sign(privateKey, canonicalRoster(body)) };
}

export async function verifyRoster(hostKey: CryptoKey, roster: SignedRoster): Promise<boolean> {
  return verify(hostKey, canonicalRoster(roster.body), roster.sig);
}

export function findMember(body: RosterBody, peerId: string): RosterMember | undefined {
  return body.members.find((m) => m.peerId === peerId);
}
