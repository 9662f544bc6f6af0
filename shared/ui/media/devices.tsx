import { useEffect, useState } from 'preact/hooks';

export type DeviceLists = Record<MediaDeviceKind, MediaDeviceInfo[]>;

const EMPTY: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

/** The devices the browser lists, kept current as they are plugged in and out. */
export function useDevices(refreshKey?: unknown): DeviceLists {
  const [lists, setLists] = useState<DeviceLists>(EMPTY);
  useEffect(() => {
    let live = true;
    const read = () =>
      void navigator.mediaDevices?.enumerateDevices().then((all) => {
        if (!live) return;
        const next: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
        // Without permission, devices have no id: nothing to choose between yet.
        for (const d of all) if (d.deviceId) next[d.kind].push(d);
        setLists(next);
      });
    read();
    navigator.mediaDevices?.addEventListener('devicechange', read);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener('devicechange', read);
    };
  }, [refreshKey]);
  return lists;
}

interface DeviceSelectProps {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange(deviceId: string): void;
}

export function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  if (devices.length === 0) return null;
  return (
    <label class="device">
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)}>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}
