import { describe, expect, it } from 'vitest';
import type { TrackKind } from '../../core/media/local-media.ts';
import { devicesJoinedWith, readDevicesOnJoin } from './devices-on-join.ts';

const media = (available: TrackKind[], on: TrackKind[]) => ({
  isAvailable: (kind: TrackKind) => available.includes(kind),
  isOn: (kind: TrackKind) => on.includes(kind),
});

describe('camera and microphone as the person last joined', () => {
  it('reads what was kept, and anything else as both on', () => {
    expect(readDevicesOnJoin({ audio: true, video: false })).toEqual({ audio: true, video: false });
    for (const damaged of [null, undefined, 'off', 7, { video: 'no' }, []]) {
      expect(readDevicesOnJoin(damaged)).toEqual({ audio: true, video: true });
    }
  });

  it('keeps the choice made, but not a device the browser refused or lacks', () => {
    const before = { audio: false, video: true };
    expect(devicesJoinedWith(media(['audio', 'video'], ['audio']), before)).toEqual({
      audio: true,
      video: false,
    });
    expect(devicesJoinedWith(media([], []), before)).toEqual(before);
  });
});
