import type { TrackKind } from '../../core/media/local-media.ts';

/**
 * An ended track of this kind that never touched a camera or microphone: a canvas's capture,
 * or an audio graph's output, stopped at once. Both engines give a call a sender for it.
 */
export function placeholderTrack(kind: TrackKind): MediaStreamTrack {
  const track = kind === 'video' ? canvasTrack() : silentTrack();
  track.stop();
  return track;
}

function canvasTrack(): MediaStreamTrack {
  const [track] = document.createElement('canvas').captureStream(0).getVideoTracks();
  if (!track) throw new Error('canvas capture gave no video track');
  return track;
}

function silentTrack(): MediaStreamTrack {
  const context = new AudioContext();
  const [track] = context.createMediaStreamDestination().stream.getAudioTracks();
  void context.close();
  if (!track) throw new Error('audio graph gave no audio track');
  return track;
}
