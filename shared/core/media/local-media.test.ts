import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.ts';
import { FakeDevices, FakeTrack } from '../testing/fake-devices.ts';
import { LocalMedia, type TrackKind } from './local-media.ts';

function setUp() {
  const devices = new FakeDevices();
  const media = new LocalMedia(devices.deps());
  const sent: [TrackKind, MediaStreamTrack | null][] = [];
  media.events.on('track', (kind, track) => sent.push([kind, track]));
  const inStream = (kind: TrackKind) => media.stream.getTracks().filter((t) => t.kind === kind);
  return { devices, media, sent, inStream };
}

describe('local media: a device the person starts without is never opened', () => {
  it('with the camera off, asks for the microphone alone; a placeholder holds the camera’s place', async () => {
    const { devices, media, inStream } = setUp();
    expect(await media.start({ audio: true, video: false })).toBeNull();

    expect(devices.requests).toEqual([['audio']]);
    expect(devices.opened.map((t) => t.kind)).toEqual(['audio']);
    expect(inStream('video')).toEqual(devices.placeholders);
    expect(inStream('video')[0]?.readyState).toBe('ended');
    expect(media.isOn('video')).toBe(false);
    expect(media.liveTrack('video')).toBeNull();
    expect(media.isOn('audio')).toBe(true);
    // Not asked for is not missing: the camera can be turned on.
    expect(media.isAvailable('video')).toBe(true);
    expect(media.deviceId('video')).toBeUndefined();
  });

  it('with both off, asks for nothing at all, and both can still be turned on', async () => {
    const { devices, media, inStream } = setUp();
    expect(media.isAvailable('audio')).toBe(false); // not before it has started
    expect(await media.start({ audio: false, video: false })).toBeNull();

    expect(devices.requests).toEqual([]);
    expect(inStream('audio')).toHaveLength(1);
    expect(inStream('video')).toHaveLength(1);
    expect(media.isAvailable('audio') && media.isAvailable('video')).toBe(true);
  });

  it('opens the camera only when turned on, in the placeholder’s place, and sends it', async () => {
    const { devices, media, sent, inStream } = setUp();
    await media.start({ audio: true, video: false }, { video: 'cam-2' });

    expect(await media.setOn('video', true)).toBeNull();
    expect(devices.requests).toEqual([['audio'], ['video']]);
    const [camera] = inStream('video');
    expect(camera).toBe(devices.opened[1]);
    expect(media.liveTrack('video')).toBe(camera);
    expect(media.deviceId('video')).toBe('cam-2');
    expect(sent).toEqual([['video', camera]]);

    // Off again: the camera's own track stops and keeps the place.
    expect(await media.setOn('video', false)).toBeNull();
    expect(inStream('video')).toEqual([camera]);
    expect(camera?.readyState).toBe('ended');
    expect(sent.at(-1)).toEqual(['video', null]);
  });

  it('says plainly that the camera is blocked when it is refused on turning it on, and lets the person try again', async () => {
    const { devices, media, sent, inStream } = setUp();
    await media.start({ audio: true, video: false });
    devices.refuse.video = 'NotAllowedError';

    const problem = await media.setOn('video', true);
    expect(problem?.code).toBe(ErrorCode.CameraDenied);
    expect(problem?.plainMessage).toMatch(/^Camera access is blocked/);
    expect(media.isOn('video')).toBe(false);
    expect(inStream('video')).toEqual(devices.placeholders);
    expect(sent).toEqual([]);

    delete devices.refuse.video;
    expect(await media.setOn('video', true)).toBeNull();
    expect(media.isOn('video')).toBe(true);
  });

  it('names the microphone when it alone was asked for and is missing, and marks only it unavailable', async () => {
    const { devices, media } = setUp();
    devices.refuse.audio = 'NotFoundError';
    const problem = await media.start({ audio: true, video: false });

    expect(problem?.code).toBe(ErrorCode.MicrophoneUnavailable);
    expect(media.isAvailable('audio')).toBe(false);
    expect(media.isAvailable('video')).toBe(true);
  });

  it('with both wanted and one missing, takes the other and says which is missing', async () => {
    const { devices, media } = setUp();
    devices.refuse.video = 'NotFoundError';
    const problem = await media.start({ audio: true, video: true });

    expect(devices.requests).toEqual([['audio', 'video'], ['audio'], ['video']]);
    expect(problem?.code).toBe(ErrorCode.CameraUnavailable);
    expect(media.isOn('audio')).toBe(true);
    expect(media.isAvailable('video')).toBe(false);
  });

  it('with both wanted and refused, says so once for both, and still gives each kind its place', async () => {
    const { devices, media, inStream } = setUp();
    devices.refuse.audio = 'NotAllowedError';
    devices.refuse.video = 'NotAllowedError';
    const problem = await media.start({ audio: true, video: true });

    expect(devices.requests).toEqual([['audio', 'video']]);
    expect(problem?.code).toBe(ErrorCode.MediaDenied);
    expect(media.isAvailable('audio') || media.isAvailable('video')).toBe(false);
    expect(inStream('audio')).toHaveLength(1);
    expect(inStream('video')).toHaveLength(1);
  });
});

describe('local media: a device that goes away', () => {
  it('opens the default device in place of one unplugged, and says when there is none', async () => {
    const { devices, media, inStream } = setUp();
    await media.start({ audio: true, video: true }, { video: 'cam-2' });
    const lost: TrackKind[] = [];
    media.events.on('device-lost', (kind) => lost.push(kind));

    (inStream('video')[0] as unknown as FakeTrack).unplug();
    expect(lost).toEqual(['video']);
    expect(media.isOn('video')).toBe(false);
    expect(await media.replaceLost('video')).toBeNull();
    expect(devices.requests.at(-1)).toEqual(['video']);
    expect(media.isOn('video')).toBe(true);
    expect(media.deviceId('video')).toBe('video-1');

    devices.refuse.audio = 'NotFoundError';
    (inStream('audio')[0] as unknown as FakeTrack).unplug();
    expect((await media.replaceLost('audio'))?.code).toBe(ErrorCode.MicrophoneUnavailable);
    expect(media.isOn('audio')).toBe(false);
  });
});
