import { useEffect, useState } from 'preact/hooks';
import { MAX_NAME_LENGTH } from '../../../shared/core/protocol/limits.ts';
import { parseServerList } from '../../../shared/core/signaling/server-list.ts';
import { RelayOnlySetting } from '../../../shared/ui/relay-only/RelayOnlySetting.tsx';
import { readIceRows, toIceRows, type IceServerRow } from '../../options/ice-servers.ts';
import { IceServerRows } from '../../options/IceServerRows.tsx';
import { TestConnection } from '../../options/TestConnection.tsx';
import { extensionPlatform, loadSignaling, saveSignaling } from '../../settings.ts';

/** The extension's settings, checked as they are typed; saved only when all of them are valid. */
export function Options() {
  const [loaded, setLoaded] = useState(false);
  const [serverList, setServerList] = useState('');
  const [iceRows, setIceRows] = useState<IceServerRow[]>([]);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([loadSignaling(), extensionPlatform.loadDisplayName()]).then(
      ([config, displayName]) => {
        setServerList(config.signalingServers.join('\n'));
        setIceRows(toIceRows(config.iceServers));
        setName(displayName);
        setLoaded(true);
      },
    );
  }, []);

  const servers = parseServerList(serverList);
  const ice = readIceRows(iceRows);
  const iceProblems = new Map(ice.ok ? [] : ice.errors.map((e) => [e.row, e.message]));
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setSaved(null);
      set(value);
    };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!servers.ok || !ice.ok) return setSaved('Not saved: correct the problems shown above.');
    await saveSignaling(servers.urls, ice.servers);
    await extensionPlatform.saveDisplayName(name.trim());
    setSaved('Saved.');
  };

  if (!loaded) return null;
  return (
    <main class="lobby options">
      <h1>Conclave settings</h1>
      <form onSubmit={(e) => void save(e)} noValidate>
        <label>
          Your name
          <input
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autocomplete="name"
            aria-describedby="name-hint"
            onInput={(e) => edited(setName)(e.currentTarget.value)}
          />
        </label>
        <p id="name-hint" class="tagline">
          Filled in for you when you join or start a meeting.
        </p>
        <label>
          Signaling servers
          <textarea
            rows={3}
            spellcheck={false}
            aria-describedby={servers.ok ? 'servers-hint' : 'servers-hint servers-errors'}
            aria-invalid={!servers.ok}
            value={serverList}
            onInput={(e) => edited(setServerList)(e.currentTarget.value)}
          />
        </label>
        {!servers.ok && (
          <div id="servers-errors" class="problem" role="alert">
            {servers.errors.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        )}
        <p id="servers-hint" class="tagline">
          One address per line, https:// (plain http:// only for this computer). Each meeting uses
          one of them, the same for everyone in it; invite links point at the first one's web app.
        </p>
        <TestConnection servers={servers.ok ? servers.urls : []} />
        <IceServerRows rows={iceRows} problems={iceProblems} onChange={edited(setIceRows)} />
        <p class="tagline">
          Conclave never uses public STUN or TURN servers unless you list them here.
        </p>
        <button type="submit" class="primary">
          Save
        </button>
        <p role="status">{saved}</p>
      </form>
      <RelayOnlySetting platform={extensionPlatform} />
    </main>
  );
}
