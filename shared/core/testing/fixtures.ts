// Test helpers for the core's unit tests: in-memory peers, never used by the product.
import { randomBytes } from '../../crypto/random.ts';
import type { SigningKeyPair } from '../../crypto/signing.ts';
import { Emitter } from '../emitter.ts';
import type { LocalMediaEvents, LocalMediaSource, TrackKind } from '../media/local-media.ts';
import type { Invite } from '../meeting/invite.ts';
import type { HostSettings } from '../meeting/host/admission-settings.ts';
import type { MeetingStore } from '../meeting/host/meeting-store.ts';
import { createHostDescriptor, Meeting, type HostDescriptor } from '../meeting/meeting.ts';
import { peerIdFromKeyDigest } from '../signaling/peer-identity.ts';
import { MemoryNetwork, type MemoryTransport } from './memory-transport.ts';

export function fakeFingerprint(): string {
  const hex = Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0').toUpperCase());
  return `sha-256 ${hex.join(':')}`;
}

export class FakeMedia implements LocalMediaSource {
  readonly events = new Emitter<LocalMediaEvents>();
  readonly stream: MediaStream;
  readonly on = { audio: true, video: true };
  sharing = false;

  constructor(label: string) {
    this.stream = { id: `stream-of-${label}` } as MediaStream;
  }

  isOn(kind: TrackKind): boolean {
    return this.on[kind];
  }

  liveTrack(kind: TrackKind): MediaStreamTrack | null {
    return this.on[kind] || (kind === 'video' && this.sharing)
      ? ({ kind } as MediaStreamTrack)
      : null;
  }

  isSharingScreen(): boolean {
    return this.sharing;
  }

  setOn(kind: TrackKind, on: boolean): Promise<null> {
    if (this.on[kind] !== on) this.toggle(kind, on);
    return Promise.resolve(null);
  }

  toggle(kind: TrackKind, on: boolean): void {
    this.on[kind] = on;
    this.events.emit('track', kind, on ? ({ kind } as MediaStreamTrack) : null);
  }
}

export interface TestPeer {
  meeting: Meeting;
  media: FakeMedia;
  transport: () => MemoryTransport | undefined;
  /** The session key the meeting registered with: lets a test sign as this peer would. */
  identity: () => SigningKeyPair | undefined;
  logs: string[];
}

export function makePeer(
  network: MemoryNetwork,
  /** A host with `store` keeps its meeting there, as the product's host page does. */
  role:
    | { host: HostDescriptor; store?: MeetingStore; resumeGraceMs?: number }
    | { invite: Invite; endedBefore?: boolean },
  name: string,
  mediaReady?: Promise<unknown>,
  /** Register under this id instead of the key's own: a squatter, as a stock server allows. */
  squatOn?: string,
): TestPeer {
  const media = new FakeMedia(name);
  const logs: string[] = [];
  let transport: MemoryTransport | undefined;
  let key: SigningKeyPair | undefined;
  const deps = {
    media,
    log: (line: string) => logs.push(line),
    hostRetryDelayMs: 10,
    mediaReady,
    endedBefore: 'invite' in role && role.endedBefore,
    continuity:
      'host' in role && role.store
        ? { store: role.store, resumeGraceMs: role.resumeGraceMs }
        : undefined,
    createTransport: (identity: SigningKeyPair) => {
      key = identity;
      transport = network.transport(
        squatOn ?? peerIdFromKeyDigest(identity.digest),
        fakeFingerprint(),
      );
      return Promise.resolve(transport);
    },
  };
  const meeting =
    'host' in role ? Meeting.host(deps, role.host, name) : Meeting.guest(deps, role.invite, name);
  return { meeting, media, logs, transport: () => transport, identity: () => key };
}

/**
 * A host in a meeting, and an invite that admits at once: it carries a personal access key
 * (participant, no limit). `lobbyInvite` is the bare link, whose knocks wait in the lobby.
 */
export async function startHostAndInvite(
  network: MemoryNetwork,
  name = 'Hana',
  settings?: HostSettings,
) {
  const descriptor = await createHostDescriptor(settings);
  const host = makePeer(network, { host: descriptor }, name);
  await host.meeting.start();
  const desk = host.meeting.admission!;
  const key = await desk.issueKey({ label: 'Everyone', role: 'participant' });
  const lobbyInvite = host.meeting.invite;
  return { host, desk, invite: { ...lobbyInvite, accessKey: key.key }, lobbyInvite, descriptor };
}

export { MemoryNetwork };
