import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

interface TileProps {
  name: string;
  /** The host's tile says so: a guest cannot pass as the host by taking the host's name. */
  isHost: boolean;
  stream: MediaStream | null;
  isSelf: boolean;
  audioOn: boolean;
  videoOn: boolean;
  connecting: boolean;
  /** We were connected and the network between us went away: their picture is stale. */
  reconnecting?: boolean;
  children?: ComponentChildren;
}

export function Tile(props: TileProps) {
  const { name, isHost, stream, isSelf, audioOn, videoOn, connecting, reconnecting, children } =
    props;
  const video = useRef<HTMLVideoElement>(null);

  // A layout effect: plain effects wait for the next animation frame, up to 100 ms in a
  // background tab, and the first frame of someone's video would wait with them.
  useLayoutEffect(() => {
    const element = video.current;
    // PeerJS reports the same stream once per track: re-assigning would abort play().
    if (element && element.srcObject !== stream) element.srcObject = stream;
  }, [stream]);

  const label = isSelf ? `${name} (you)` : name;
  return (
    <li class="tile" aria-label={label}>
      <video
        ref={video}
        autoplay
        playsInline
        muted={isSelf}
        aria-label={`Video of ${label}`}
        class={videoOn && stream ? '' : 'hidden'}
      />
      {(!videoOn || !stream) && (
        <div class="placeholder" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </div>
      )}
      <div class="caption">
        <span>{label}</span>
        {isHost && <span class="badge role">host</span>}
        {connecting && <span class="badge">connecting…</span>}
        {reconnecting && <span class="badge">Reconnecting…</span>}
        {!audioOn && <span class="badge">muted</span>}
        {!videoOn && <span class="badge">camera off</span>}
      </div>
      {children}
    </li>
  );
}
