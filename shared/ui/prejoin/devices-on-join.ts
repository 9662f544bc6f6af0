import type { LocalMedia, TrackKind } from '../../core/media/local-media.ts';

/** Whether the camera and the microphone start on: as the person last joined a meeting. */
export type DevicesOnJoin = Record<TrackKind, boolean>;

export const BOTH_ON: DevicesOnJoin = { audio: true, video: true };

/** What a shell read back from its storage; anything else is both on. */
export function readDevicesOnJoin(stored: unknown): DevicesOnJoin {
  const { audio, video } = (stored ?? {}) as Partial<Record<TrackKind, unknown>>;
  return { audio: audio !== false, video: video !== false };
}

/**
 * What to remember when joining with these devices. A kind the browser did not give (denied,
 * missing) keeps its earlier choice: a refusal once is not a choice to join without it.
 */
export function devicesJoinedWith(
  media: Pick<LocalMedia, 'isAvailable' | 'isOn'>,
  before: DevicesOnJoin,
): DevicesOnJoin {
  const kept = (kind: TrackKind) => (media.isAvailable(kind) ? media.isOn(kind) : before[kind]);
  return { audio: kept('audio'), video: kept('video') };
}
