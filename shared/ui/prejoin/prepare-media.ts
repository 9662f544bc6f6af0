import { LocalMedia } from '../../core/media/local-media.ts';
import type { PreparedMedia } from '../meeting/start-session.ts';
import { BOTH_ON, type DevicesOnJoin } from './devices-on-join.ts';

/**
 * Asks for camera and microphone now; the meeting sends what this starts. A device the person
 * last joined without is turned off before anything can be sent (its stopped track stays, so
 * turning it on later needs no new call).
 */
export function prepareMedia(startWith: Promise<DevicesOnJoin>): PreparedMedia {
  const media = new LocalMedia({
    devices: navigator.mediaDevices,
    createStream: () => new MediaStream(),
  });
  const wanted = startWith.catch(() => BOTH_ON);
  const started = Promise.all([media.start(), wanted]).then(async ([problem, wanted]) => {
    if (!wanted.audio) await media.setOn('audio', false);
    if (!wanted.video) await media.setOn('video', false);
    return problem;
  });
  return { media, started };
}
