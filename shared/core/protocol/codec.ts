import * as v from 'valibot';
import {
  MAX_MESSAGE_CHARS,
  PROTOCOL_VERSION,
  WireMessageSchema,
  type MessageOf,
  type WireMessage,
  type WireMessageType,
} from './schemas.ts';

export type DecodeResult = { ok: true; message: WireMessage } | { ok: false; reason: string };

/** The one place wire messages are built: the type and protocol version are filled in here. */
export function encodeMessage<T extends WireMessageType>(
  type: T,
  fields: Omit<MessageOf<T>, 't' | 'v'>,
): string {
  return JSON.stringify({ t: type, v: PROTOCOL_VERSION, ...fields });
}

/** Never throws: anything oversize, non-JSON or off-schema comes back as `ok: false`. */
export function decodeMessage(raw: unknown): DecodeResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'not text' };
  if (raw.length > MAX_MESSAGE_CHARS) return { ok: false, reason: `oversize (${raw.length})` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = v.safeParse(WireMessageSchema, parsed);
  if (!result.success) return { ok: false, reason: v.summarize(result.issues) };
  return { ok: true, message: result.output };
}
