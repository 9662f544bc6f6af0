import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Participant } from '../../core/meeting/participant.ts';
import { HandBadge } from '../hands/HandBadge.tsx';
import { ReactionShown } from '../hands/ReactionShown.tsx';
import { Icon } from './icons.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import type { Rect, TrustState } from './view-model.ts';

interface TileProps {
  participant: Participant;
  /** What this tile plays: their stream, our own camera, or our own screen. */
  stream: MediaStream | null;
  speaking: boolean;
  trust: TrustState;
  /** The speaker chosen for the room's audio (setSinkId where the browser has it). */
  outputDevice: string | undefined;
  /** Where on the stage. */
  place: Rect;
  /** In the spotlight (shown whole, not cropped). */
  spotlight?: boolean;
  /** Per-participant actions: pin, full screen, security; other features add theirs here. */
  actions?: ComponentChildren;
}

type SinkVideo = HTMLVideoElement & { setSinkId?(id: string): Promise<void> };

export function Tile(props: TileProps) {
  const {
    participant: p,
    stream,
    speaking,
    trust,
    outputDevice,
    place,
    spotlight,
    actions,
  } = props;
  const video = useRef<SinkVideo>(null);

  // A layout effect: plain effects wait for the next animation frame, up to 100 ms in a
  // background tab, and the first frame of someone's video would wait with them.
  useLayoutEffect(() => {
    const element = video.current;
    // PeerJS reports the same stream once per track: re-assigning would abort play().
    if (element && element.srcObject !== stream) element.srcObject = stream;
  }, [stream]);

  useLayoutEffect(() => {
    const element = video.current;
    if (element?.setSinkId && !p.isSelf) void element.setSinkId(outputDevice ?? '').catch(() => {});
  }, [outputDevice, p.isSelf]);

  const label = p.isSelf ? `${p.name} (you)` : p.name;
  const showVideo = (p.videoOn || p.screenSharing) && !!stream;
  const classes = [
    'tile',
    speaking && 'speaking',
    spotlight && 'spotlight',
    p.screenSharing && 'screen',
    p.isSelf && !p.screenSharing && 'mirrored',
  ];
  return (
    <li
      class={classes.filter(Boolean).join(' ')}
      aria-label={label}
      style={{
        left: `${place.left}px`,
        top: `${place.top}px`,
        width: `${place.width}px`,
        height: `${place.height}px`,
      }}
    >
      <video
        ref={video}
        autoplay
        playsInline
        muted={p.isSelf}
        aria-label={`Video of ${label}`}
        class={showVideo ? '' : 'hidden'}
      />
      {!showVideo && (
        <div class="placeholder" aria-hidden="true">
          <span class="avatar">{p.name.slice(0, 1).toUpperCase()}</span>
        </div>
      )}
      <div class="caption">
        {trust === 'verified-by-you' ? (
          <span class="badge trust" title="Verified by you">
            <Icon name="shieldCheck" size={16} />
            <span class="sr-only">verified by you</span>
          </span>
        ) : trust === 'checked' && !p.isSelf ? (
          <span class="badge trust" title="Connection checked against the host’s signed list">
            <Icon name="shield" size={16} />
            <span class="sr-only">connection checked</span>
          </span>
        ) : null}
        <span class="name">{label}</span>
        <RoleBadge role={p.role} />
        <HandBadge participant={p} />
        {p.screenSharing && <span class="badge">presenting</span>}
        {trust === 'connecting' && <span class="badge">connecting…</span>}
        {p.connection === 'reconnecting' && <span class="badge">Reconnecting…</span>}
        {!p.audioOn && (
          <span class="badge state" title="Microphone off">
            <Icon name="micOff" size={16} />
            <span class="sr-only">muted</span>
          </span>
        )}
        {!p.videoOn && !p.screenSharing && (
          <span class="badge state" title="Camera off">
            <Icon name="cameraOff" size={16} />
            <span class="sr-only">camera off</span>
          </span>
        )}
      </div>
      <ReactionShown participant={p} />
      {actions && <div class="tile-actions">{actions}</div>}
    </li>
  );
}
