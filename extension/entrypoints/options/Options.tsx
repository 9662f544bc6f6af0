import { useEffect, useState } from 'preact/hooks';
import { parseServerList } from '../../../shared/core/signaling/server-list.ts';
import { RelayOnlySetting } from '../../../shared/ui/relay-only/RelayOnlySetting.tsx';
import { extensionPlatform, loadSignaling, saveSignaling } from '../../settings.ts';

type Status = { ok: true; text: string } | { ok: false; problems: string[] };

export function Options() {
  const [serverList, setServerList] = useState('');
  const [iceJson, setIceJson] = useState('[]');
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    void loadSignaling().then((config) => {
      setServerList(config.signalingServers.join('\n'));
      setIceJson(JSON.stringify(config.iceServers, null, 2));
    });
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const servers = parseServerList(serverList);
    if (!servers.ok) return setStatus({ ok: false, problems: servers.errors });
    try {
      const iceServers: unknown = JSON.parse(iceJson);
      if (!Array.isArray(iceServers)) throw new Error('ICE servers must be a JSON array.');
      await saveSignaling(servers.urls, iceServers as RTCIceServer[]);
      setStatus({ ok: true, text: 'Saved.' });
    } catch (error) {
      setStatus({ ok: false, problems: [(error as Error).message] });
    }
  };

  return (
    <main class="lobby">
      <h1>Conclave settings</h1>
      <form onSubmit={(e) => void save(e)}>
        <label>
          Signaling servers
          <textarea
            rows={3}
            aria-describedby="servers-hint"
            value={serverList}
            onInput={(e) => setServerList(e.currentTarget.value)}
          />
        </label>
        <p id="servers-hint" class="tagline">
          One address per line. Each meeting uses one of them, the same for everyone in it; invite
          links point at the first one's web app.
        </p>
        <label>
          ICE servers (JSON)
          <textarea rows={6} value={iceJson} onInput={(e) => setIceJson(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Save
        </button>
      </form>
      <RelayOnlySetting platform={extensionPlatform} />
      {status?.ok && <p role="status">{status.text}</p>}
      {status && !status.ok && (
        <div role="alert">
          {status.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <p class="tagline">
        Conclave never uses public STUN or TURN servers unless you list them here.
      </p>
    </main>
  );
}
