import { LocalMedia } from '../../core/media/local-media.ts';
import type { PreparedMedia } from '../meeting/start-session.ts';

/** Asks for camera and microphone now; the meeting sends what this starts. */
export function prepareMedia(): PreparedMedia {
  const media = new LocalMedia({
    devices: navigator.mediaDevices,
    createStream: () => new MediaStream(),
  });
  return { media, started: media.start() };
}
