import { LocalMedia } from '../../core/media/local-media.ts';
import type { PreparedMedia } from '../meeting/start-session.ts';
import { placeholderTrack } from '../media/placeholder-track.ts';
import { BOTH_ON, type DevicesOnJoin } from './devices-on-join.ts';

/**
 * Asks for the camera and microphone the person last joined with, and for no other: a device
 * they joined without is never opened (its light stays off). The meeting sends what this
 * starts; the other can be turned on later without a new call.
 */
export function prepareMedia(startWith: Promise<DevicesOnJoin>): PreparedMedia {
  const media = new LocalMedia({
    devices: navigator.mediaDevices,
    createStream: () => new MediaStream(),
    placeholderTrack,
  });
  const started = startWith.catch(() => BOTH_ON).then((wanted) => media.start(wanted));
  return { media, started };
}
