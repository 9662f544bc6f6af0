import type { TrackKind } from '../../core/media/local-media.ts';
import { DeviceSelect, useDevices } from '../media/devices.tsx';
import type { MeetingSession } from './session.ts';

/** Camera, microphone and speaker during the call. */
export function SettingsPanel({ session }: { session: MeetingSession }) {
  const devices = useDevices();
  void session.mediaOn.value; // a new track (another device) redraws the choices
  const choose = (kind: TrackKind) => (id: string) => void session.useDevice(kind, id || undefined);
  const canChooseOutput = 'setSinkId' in HTMLMediaElement.prototype;
  return (
    <>
      <DeviceSelect
        label="Camera device"
        devices={devices.videoinput}
        value={session.deviceId('video')}
        onChange={choose('video')}
      />
      <DeviceSelect
        label="Microphone device"
        devices={devices.audioinput}
        value={session.deviceId('audio')}
        onChange={choose('audio')}
      />
      {canChooseOutput ? (
        <DeviceSelect
          label="Speaker"
          devices={devices.audiooutput}
          value={session.outputDevice.value}
          onChange={(id) => session.setOutputDevice(id || undefined)}
        />
      ) : (
        <p>
          This browser plays sound on the system’s speaker; choose another in the system settings.
        </p>
      )}
    </>
  );
}
