import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TrackKind } from '../../core/media/local-media.ts';
import { hostKeyLabel } from '../../core/meeting/host-key-label.ts';
import type { Invite } from '../../core/meeting/invite.ts';
import { MAX_NAME_LENGTH } from '../../core/protocol/limits.ts';
import { useScreenHeading } from '../focus.ts';
import { AudioLevels } from '../media/audio-levels.ts';
import { DeviceSelect, useDevices } from '../media/devices.tsx';
import { Icon } from '../meeting/icons.tsx';
import type { PreparedMedia } from '../meeting/start-session.ts';
import './prejoin.css';
import type { Platform } from '../../platform.ts';
import { BOTH_ON, devicesJoinedWith } from './devices-on-join.ts';
import { prepareMedia } from './prepare-media.ts';

interface PreJoinProps {
  /** The meeting's invite (for a guest, from the link; for a host, its own). */
  invite: Invite;
  isHost: boolean;
  initialName: string;
  platform: Pick<Platform, 'loadDevicesOnJoin' | 'saveDevicesOnJoin'>;
  onJoin(name: string, prepared: PreparedMedia): void;
  onBack(): void;
}

/**
 * Before joining: your own preview, camera and microphone choice, a level meter, camera or
 * microphone off, your name, and which meeting and host key this is. The devices asked for here
 * are the ones the meeting sends (nothing is asked for again on joining).
 */
export function PreJoin({ invite, isHost, initialName, platform, onJoin, onBack }: PreJoinProps) {
  const heading = useScreenHeading();
  const [name, setName] = useState(initialName);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const startWith = useMemo(() => platform.loadDevicesOnJoin(), [platform]);
  const prepared = useMemo(() => prepareMedia(startWith), [startWith]);
  const { media } = prepared;
  const [ready, setReady] = useState(false);
  const [cameraWanted, setCameraWanted] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const joined = useRef(false);
  const devices = useDevices(ready);
  const levels = useMemo(() => new AudioLevels(), []);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    let live = true;
    void startWith.then((wanted) => live && setCameraWanted(wanted.video)).catch(() => undefined);
    void prepared.started.then((error) => {
      if (!live) return;
      setReady(true);
      if (error) setProblem(error.plainMessage);
    });
    const redraw = () => setVersion((n) => n + 1);
    const off = media.events.on('track', redraw);
    return () => {
      live = false;
      off();
      levels.close();
      // Going back stops the devices; joining hands them to the meeting.
      if (!joined.current) void prepared.started.then(() => media.stop());
    };
  }, [startWith, prepared, media, levels]);

  const videoOn = media.isOn('video');
  useLayoutEffect(() => {
    // A <video> holding a stream with no video never gets data, and holds the page's load event.
    const shown = videoOn ? media.stream : null;
    if (video.current && video.current.srcObject !== shown) video.current.srcObject = shown;
  });
  useEffect(() => {
    levels.watch(new Map([['self', media.isOn('audio') ? media.stream : null]]));
  });

  const toggle = (kind: TrackKind) =>
    void media.setOn(kind, !media.isOn(kind)).then((e) => e && setProblem(e.plainMessage));
  const choose = (kind: TrackKind) => (id: string) =>
    void media.useDevice(kind, id || undefined).then((e) => e && setProblem(e.plainMessage));

  const join = (event?: Event) => {
    event?.preventDefault();
    const chosen = name.trim();
    if (!chosen) {
      setNameProblem('Enter your name first.');
      return;
    }
    joined.current = true;
    // The next meeting starts as this one does (the extension's one-click join included).
    void startWith
      .catch(() => BOTH_ON)
      .then((before) => platform.saveDevicesOnJoin(devicesJoinedWith(media, before)))
      .catch(() => undefined); // not kept: the next meeting starts as the last choice kept
    onJoin(chosen, prepared);
  };

  const audioOn = media.isOn('audio');
  const level = levels.levels.value.get('self') ?? 0;
  const keyLabel = hostKeyLabel(invite.hostKeyDigest);
  return (
    <main class="prejoin">
      <h1 tabIndex={-1} ref={heading}>
        {isHost ? 'Start your meeting' : 'Join the meeting'}
      </h1>
      <div class="prejoin-layout">
        <section class="preview" aria-label="Your preview">
          <div class="preview-frame">
            <video
              ref={video}
              autoplay
              playsInline
              muted
              aria-label="Your camera preview"
              class={videoOn ? '' : 'hidden'}
            />
            {!videoOn && (
              <p class="preview-off">
                {ready || !cameraWanted ? 'Your camera is off' : 'Starting your camera…'}
              </p>
            )}
            <div class="preview-controls">
              <button
                class={`round ${audioOn ? '' : 'off'}`}
                aria-label="Microphone"
                aria-pressed={audioOn}
                title={audioOn ? 'Turn microphone off' : 'Turn microphone on'}
                disabled={!media.isAvailable('audio')}
                onClick={() => toggle('audio')}
              >
                <Icon name={audioOn ? 'mic' : 'micOff'} />
              </button>
              <button
                class={`round ${videoOn ? '' : 'off'}`}
                aria-label="Camera"
                aria-pressed={videoOn}
                title={videoOn ? 'Turn camera off' : 'Turn camera on'}
                disabled={!media.isAvailable('video')}
                onClick={() => toggle('video')}
              >
                <Icon name={videoOn ? 'camera' : 'cameraOff'} />
              </button>
            </div>
          </div>
          <meter
            class="mic-level"
            aria-label="Microphone level"
            min={0}
            max={0.2}
            value={audioOn ? Math.min(level, 0.2) : 0}
          />
          {problem && <p role="alert">{problem}</p>}
          {/* Chosen once the first devices are in, so a choice cannot be overtaken by them. */}
          {ready && (
            <DeviceSelect
              label="Camera device"
              devices={devices.videoinput}
              value={media.deviceId('video')}
              onChange={choose('video')}
            />
          )}
          {ready && (
            <DeviceSelect
              label="Microphone device"
              devices={devices.audioinput}
              value={media.deviceId('audio')}
              onChange={choose('audio')}
            />
          )}
        </section>
        <form class="prejoin-form" onSubmit={join}>
          <dl class="meeting-facts">
            <dt>Meeting</dt>
            <dd class="key-label">{invite.meetingId.slice(0, 8)}</dd>
            <dt>{isHost ? 'Your host key' : 'Host key'}</dt>
            <dd class="key-label">{keyLabel}</dd>
          </dl>
          <p class="hint">
            {isHost
              ? 'Everyone who joins with your link sees this same host key label.'
              : 'Your host sees the same host key label: compare it with them if you want to be sure this link is theirs.'}
          </p>
          <label>
            Your name
            <input
              value={name}
              maxLength={MAX_NAME_LENGTH}
              autocomplete="name"
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? 'prejoin-name-problem' : undefined}
              onInput={(e) => {
                setName(e.currentTarget.value);
                setNameProblem(null);
              }}
            />
          </label>
          {nameProblem && (
            <p id="prejoin-name-problem" role="alert" class="problem">
              {nameProblem}
            </p>
          )}
          <div class="prejoin-actions">
            <button type="submit" class="primary">
              {isHost ? 'Start meeting' : 'Join meeting'}
            </button>
            <button type="button" onClick={onBack}>
              Back
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
