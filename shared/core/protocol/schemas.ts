import * as v from 'valibot';
import { MIN_PASSWORD_ITERATIONS } from '../../crypto/pbkdf2.ts';
import { MEETING_ID_PATTERN } from '../meeting/meeting-id.ts';
import { MAX_NAME_LENGTH } from './limits.ts';
import { REACTION_EMOJIS } from './reactions.ts';

export const PROTOCOL_VERSION = 1;
/** Largest wire message accepted, in UTF-16 code units (JSON text). */
export const MAX_MESSAGE_CHARS = 16 * 1024;
export const MAX_ROSTER_MEMBERS = 50;
/** Knocks the host's lobby holds at once; more are refused ("the lobby is full"). */
export const MAX_LOBBY = 50;
export const MAX_KEY_LABEL_LENGTH = 40;
const DAY_MS = 86_400_000;

const base64url = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/), v.minLength(min), v.maxLength(max));

export const MeetingIdSchema = v.pipe(v.string(), v.regex(MEETING_ID_PATTERN));
export const PeerIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/),
  v.maxLength(64),
);
export const NonceSchema = base64url(43, 43);
export const SignatureSchema = base64url(86, 86);
export const PublicKeySchema = base64url(80, 200);
export const DisplayNameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(MAX_NAME_LENGTH),
);
/** A meeting's title as its host named it (told to guests when they are admitted). */
export const MeetingTitleSchema = DisplayNameSchema;
export const FingerprintSchema = v.pipe(
  v.string(),
  v.regex(/^sha-256 (?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/),
);
export const RoleSchema = v.picklist(['host', 'co-host', 'participant', 'viewer']);
/** What an access key lets its holder in as. */
export const GuestRoleSchema = v.picklist(['participant', 'viewer']);
/** Why a knock waits in the lobby, as the guest is told. */
export const WaitReasonSchema = v.picklist([
  'waiting',
  'wrong-password',
  'key-refused',
  'slow-down',
]);
export const DenyReasonSchema = v.picklist([
  'denied',
  'full',
  'locked',
  'lobby-full',
  'too-many-attempts',
  'timeout',
  'key-revoked',
]);
/** A PBKDF2 salt (16 bytes) and round count, as the host announces them in its challenge. */
export const PasswordParamsSchema = v.object({
  salt: base64url(22, 22),
  iterations: v.pipe(
    v.number(),
    v.safeInteger(),
    v.minValue(MIN_PASSWORD_ITERATIONS),
    v.maxValue(10_000_000),
  ),
});
const ProofSchema = base64url(43, 43);
/** The secret the guest proves it holds, bound to this handshake's transcript. */
export const CredentialSchema = v.variant('kind', [
  v.object({ kind: v.literal('password'), proof: ProofSchema }),
  v.object({ kind: v.literal('key'), hint: base64url(11, 11), proof: ProofSchema }),
]);

/** Names one knock in the lobby without saying who knocked (no peer id, no fingerprint). */
export const LobbyEntryIdSchema = base64url(22, 22);
/** A knock as the host shows it to its co-hosts. */
export const LobbyListEntrySchema = v.object({
  id: LobbyEntryIdSchema,
  name: DisplayNameSchema,
  keyLabel: v.nullable(v.pipe(v.string(), v.maxLength(MAX_KEY_LABEL_LENGTH))),
  reason: WaitReasonSchema,
});

export const RosterMemberSchema = v.object({
  peerId: PeerIdSchema,
  name: DisplayNameSchema,
  role: RoleSchema,
  fingerprint: FingerprintSchema,
});

export const RosterBodySchema = v.object({
  meetingId: MeetingIdSchema,
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  members: v.pipe(v.array(RosterMemberSchema), v.minLength(1), v.maxLength(MAX_ROSTER_MEMBERS)),
});

export const SignedRosterSchema = v.object({ body: RosterBodySchema, sig: SignatureSchema });

/** What a host (or, for some kinds, a co-host) asks of the meeting; see meeting/commands/. */
export const CommandActionSchema = v.variant('kind', [
  v.object({ kind: v.literal('ask-mute'), target: PeerIdSchema }),
  v.object({ kind: v.literal('lower-hand'), target: PeerIdSchema }),
  v.object({ kind: v.literal('remove'), target: PeerIdSchema }),
  v.object({ kind: v.literal('set-role'), target: PeerIdSchema, role: RoleSchema }),
  v.object({ kind: v.literal('lock') }),
  v.object({ kind: v.literal('unlock') }),
  v.object({ kind: v.literal('end') }),
  v.object({ kind: v.literal('admit'), entry: LobbyEntryIdSchema }),
  v.object({ kind: v.literal('deny'), entry: LobbyEntryIdSchema }),
]);

export const CommandBodySchema = v.object({
  meetingId: MeetingIdSchema,
  signer: PeerIdSchema,
  /** Strictly increasing per signer within one meeting. */
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  action: CommandActionSchema,
});

export const SignedCommandSchema = v.object({
  body: CommandBodySchema,
  /** A co-host's session key (SPKI), which must hash to `signer`; the host's key is known. */
  signerKey: v.optional(PublicKeySchema),
  sig: SignatureSchema,
});

export const MAX_CHAT_TEXT = 2000;
/** Most chat messages in one `chat-history` (the sender also keeps it under MAX_MESSAGE_CHARS). */
export const MAX_HISTORY_BATCH = 50;
export const ChatIdSchema = base64url(22, 22);
/** A chat message as its sender signed it: relayed history can be checked like a direct one. */
export const ChatEnvelopeSchema = v.object({
  id: ChatIdSchema,
  from: PeerIdSchema,
  /** One recipient for a private message; null for everyone. */
  to: v.nullable(PeerIdSchema),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_TEXT)),
  /** Lamport clock: the order everyone shows. */
  clock: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** The sender's wall clock, for display only. */
  at: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  spki: PublicKeySchema,
  sig: SignatureSchema,
});

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/**
 * 16 random bytes in canonical base64url: the last of 22 characters carries 2 bits, so it is one
 * of A, Q, g, w. Another spelling of the same bytes would never match the id a chunk frame bears.
 */
const FileIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{21}[AQgw]$/));

const message = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ t: v.literal(type), v: v.literal(PROTOCOL_VERSION), ...entries });

export const WireMessageSchema = v.variant('t', [
  message('hello', { nonce: NonceSchema, name: DisplayNameSchema }),
  message('challenge', {
    nonce: NonceSchema,
    hostKey: PublicKeySchema,
    sig: SignatureSchema,
    password: v.optional(PasswordParamsSchema),
  }),
  message('knock', { proof: ProofSchema, credential: v.optional(CredentialSchema) }),
  message('waiting', {
    reason: WaitReasonSchema,
    attemptsLeft: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(3))),
  }),
  message('admit', { roster: SignedRosterSchema, title: v.optional(MeetingTitleSchema) }),
  message('deny', { reason: DenyReasonSchema }),
  message('roster', { roster: SignedRosterSchema }),
  /** The host to its co-hosts: who waits in the lobby now (empty for someone no longer one). */
  message('lobby', {
    entries: v.pipe(v.array(LobbyListEntrySchema), v.maxLength(MAX_LOBBY)),
  }),
  message('media-state', {
    audio: v.boolean(),
    video: v.boolean(),
    screen: v.optional(v.boolean()),
  }),
  /** A raised hand (and for how long, so a newcomer lists hands in the order they went up). */
  message('hand', {
    raised: v.boolean(),
    raisedMsAgo: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(DAY_MS))),
  }),
  message('reaction', { emoji: v.picklist(REACTION_EMOJIS) }),
  // Short authentication string: commit, the responder's nonce, then the reveal.
  message('sas-commit', { commit: base64url(43, 43) }),
  message('sas-nonce', { nonce: NonceSchema }),
  message('sas-reveal', { nonce: NonceSchema }),
  message('command', { command: SignedCommandSchema }),
  message('leave', {}),
  message('end', {}),
  message('chat', { m: ChatEnvelopeSchema }),
  message('chat-ack', { id: ChatIdSchema }),
  /** A per-recipient secret a participant who reloads presents again to get the history back. */
  message('chat-hello', { resumeKey: base64url(43, 43) }),
  message('file-offer', {
    id: FileIdSchema,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
    size: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    type: v.pipe(v.string(), v.maxLength(127)),
  }),
  message('file-answer', { id: FileIdSchema, accept: v.boolean() }),
  // File bytes travel as binary messages of their own: see files/chunk-frame.ts.
  message('file-end', { id: FileIdSchema }),
  message('file-cancel', { id: FileIdSchema }),
  message('chat-history', {
    previousPeerId: PeerIdSchema,
    messages: v.pipe(v.array(ChatEnvelopeSchema), v.maxLength(MAX_HISTORY_BATCH)),
  }),
]);

export type Role = v.InferOutput<typeof RoleSchema>;
export type GuestRole = v.InferOutput<typeof GuestRoleSchema>;
export type WaitReason = v.InferOutput<typeof WaitReasonSchema>;
export type DenyReason = v.InferOutput<typeof DenyReasonSchema>;
export type PasswordParams = v.InferOutput<typeof PasswordParamsSchema>;
export type Credential = v.InferOutput<typeof CredentialSchema>;
export type LobbyListEntry = v.InferOutput<typeof LobbyListEntrySchema>;
export type RosterMember = v.InferOutput<typeof RosterMemberSchema>;
export type RosterBody = v.InferOutput<typeof RosterBodySchema>;
export type SignedRoster = v.InferOutput<typeof SignedRosterSchema>;
export type CommandAction = v.InferOutput<typeof CommandActionSchema>;
export type CommandKind = CommandAction['kind'];
export type CommandBody = v.InferOutput<typeof CommandBodySchema>;
export type SignedCommand = v.InferOutput<typeof SignedCommandSchema>;
export type ChatEnvelope = v.InferOutput<typeof ChatEnvelopeSchema>;
export type WireMessage = v.InferOutput<typeof WireMessageSchema>;
export type WireMessageType = WireMessage['t'];
export type MessageOf<T extends WireMessageType> = Extract<WireMessage, { t: T }>;
