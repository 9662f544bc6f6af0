import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Role } from '../../core/protocol/schemas.ts';
import { RoleBadge } from './RoleBadge.tsx';

interface TileProps {
  name: string;
  /** From the signed roster: a guest cannot pass as the host by taking the host's name. */
  role: Role | null;
  stream: MediaStream | null;
  isSelf: boolean;
  audioOn: boolean;
  videoOn: boolean;
  connecting: boolean;
  children?: ComponentChildren;
}

export function Tile(props: TileProps) {
  const { name, role, stream, isSelf, audioOn, videoOn, connecting, children } = props;
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
        <RoleBadge role={role} />
        {connecting && <span class="badge">connecting…</span>}
        {!audioOn && <span class="badge">muted</span>}
        {!videoOn && <span class="badge">camera off</span>}
      </div>
      {children}
    </li>
  );
}
