import { useEffect, useState } from 'preact/hooks';
import { parseServerUrl } from '../../../shared/core/signaling/server-url.ts';
import { loadSignaling, saveSignaling } from '../../settings.ts';

export function Options() {
  const [serverUrl, setServerUrl] = useState('');
  const [iceJson, setIceJson] = useState('[]');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void loadSignaling().then((config) => {
      setServerUrl(config.serverUrl);
      setIceJson(JSON.stringify(config.iceServers, null, 2));
    });
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      parseServerUrl(serverUrl);
      const iceServers: unknown = JSON.parse(iceJson);
      if (!Array.isArray(iceServers)) throw new Error('ICE servers must be a JSON array.');
      await saveSignaling({ serverUrl, iceServers: iceServers as RTCIceServer[] });
      setStatus({ ok: true, text: 'Saved.' });
    } catch (error) {
      setStatus({ ok: false, text: (error as Error).message });
    }
  };

  return (
    <main class="lobby">
      <h1>Conclave settings</h1>
      <form onSubmit={(e) => void save(e)}>
        <label>
          Signaling server
          <input value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />
        </label>
        <label>
          ICE servers (JSON)
          <textarea rows={6} value={iceJson} onInput={(e) => setIceJson(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Save
        </button>
      </form>
      {status && <p role={status.ok ? 'status' : 'alert'}>{status.text}</p>}
      <p class="tagline">
        Invite links you create point at this server's address. Conclave never uses public STUN or
        TURN servers unless you list them here.
      </p>
    </main>
  );
}
