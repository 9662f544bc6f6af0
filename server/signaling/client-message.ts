import * as v from 'valibot';
import { PEER_ID_PATTERN } from '../../shared/core/signaling/peer-identity.ts';
import { exceedsJsonDepth } from './json-depth.ts';

// The shapes the unmodified peerjs 1.5.5 client sends (see its Negotiator and Socket).
const ConnectionIdSchema = v.pipe(v.string(), v.regex(/^(dc|mc)_[a-z0-9]{1,32}$/));
const ConnectionTypeSchema = v.picklist(['media', 'data']);
const sessionDescription = <T extends 'offer' | 'answer'>(type: T) =>
  v.object({ type: v.literal(type), sdp: v.string() });
/** The serializations a peerjs Peer (or MsgPackPeer) can construct; others make it throw. */
const SerializationSchema = v.picklist([
  'raw',
  'json',
  'binary',
  'binary-utf8',
  'default',
  'MsgPack',
]);
const optionalString = v.optional(v.string());
const nullableString = v.nullish(v.string());

const OfferPayloadSchema = v.variant('type', [
  v.object({
    type: v.literal('media'),
    connectionId: ConnectionIdSchema,
    sdp: sessionDescription('offer'),
    metadata: v.optional(v.unknown()),
    browser: optionalString,
  }),
  v.object({
    type: v.literal('data'),
    connectionId: ConnectionIdSchema,
    sdp: sessionDescription('offer'),
    metadata: v.optional(v.unknown()),
    label: v.string(),
    reliable: v.boolean(),
    serialization: SerializationSchema,
    browser: optionalString,
  }),
]);

const AnswerPayloadSchema = v.object({
  type: ConnectionTypeSchema,
  connectionId: ConnectionIdSchema,
  sdp: sessionDescription('answer'),
  browser: optionalString,
});

const CandidatePayloadSchema = v.object({
  type: ConnectionTypeSchema,
  connectionId: ConnectionIdSchema,
  // RTCIceCandidate.toJSON()
  candidate: v.object({
    candidate: v.string(),
    sdpMid: nullableString,
    sdpMLineIndex: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
    usernameFragment: nullableString,
  }),
});

const DestinationSchema = v.pipe(v.string(), v.regex(PEER_ID_PATTERN));

const ClientMessageSchema = v.variant('type', [
  v.object({ type: v.literal('HEARTBEAT') }),
  v.object({ type: v.literal('OFFER'), dst: DestinationSchema, payload: OfferPayloadSchema }),
  v.object({ type: v.literal('ANSWER'), dst: DestinationSchema, payload: AnswerPayloadSchema }),
  v.object({
    type: v.literal('CANDIDATE'),
    dst: DestinationSchema,
    payload: CandidatePayloadSchema,
  }),
]);

/** A checked frame, holding only the fields named in its schema. */
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;
export type RelayedMessage = Exclude<ClientMessage, { type: 'HEARTBEAT' }>;

export type BadFrameReason = 'binary' | 'too-large' | 'too-deep' | 'not-json' | 'unexpected';
export type FrameCheck =
  { ok: true; message: ClientMessage } | { ok: false; reason: BadFrameReason };

/** Parses one client frame, once, under size and depth limits, against the PeerJS shapes. */
export function checkClientFrame(
  data: Buffer,
  isBinary: boolean,
  limits: { maxPayloadBytes: number; maxJsonDepth: number },
): FrameCheck {
  if (isBinary) return { ok: false, reason: 'binary' };
  if (data.length > limits.maxPayloadBytes) return { ok: false, reason: 'too-large' };
  const text = data.toString('utf8');
  if (exceedsJsonDepth(text, limits.maxJsonDepth)) return { ok: false, reason: 'too-deep' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const result = v.safeParse(ClientMessageSchema, parsed);
  return result.success
    ? { ok: true, message: result.output }
    : { ok: false, reason: 'unexpected' };
}
