import { fromBase64Url } from '../../../crypto/encoding.ts';
import { hmac } from '../../../crypto/hmac.ts';
import { derivePasswordKey } from '../../../crypto/pbkdf2.ts';
import type { Credential, PasswordParams } from '../../protocol/schemas.ts';
import { admitProofMessage } from '../../protocol/transcript.ts';
import { accessKeySecret, keyHint } from '../access-key.ts';

/** Proves the guest holds a personal access key, for this handshake only. */
export async function keyCredential(key: string, transcript: string): Promise<Credential> {
  return {
    kind: 'key',
    hint: await keyHint(key),
    proof: await hmac(accessKeySecret(key), admitProofMessage(transcript)),
  };
}

/** Proves the guest knows the password; the password itself never leaves this device. */
export async function passwordCredential(
  password: string,
  params: PasswordParams,
  transcript: string,
): Promise<Credential> {
  const derived = await derivePasswordKey(password, fromBase64Url(params.salt), params.iterations);
  return { kind: 'password', proof: await hmac(derived, admitProofMessage(transcript)) };
}
