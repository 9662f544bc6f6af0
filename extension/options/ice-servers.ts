/** One STUN or TURN server as the options page edits it: a row of three fields. */
export interface IceServerRow {
  url: string;
  username: string;
  credential: string;
}

export type IceRowsResult =
  { ok: true; servers: RTCIceServer[] } | { ok: false; errors: { row: number; message: string }[] };

// stun:host[:port], turn:host[:port][?transport=udp|tcp] (RFC 7064, RFC 7065).
const ICE_URL =
  /^(stuns?|turns?):(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?(\?transport=(udp|tcp))?$/;

export const emptyRow = (): IceServerRow => ({ url: '', username: '', credential: '' });

/** Every row's problems (row numbers from 1), or the servers to save. Blank rows are skipped. */
export function readIceRows(rows: readonly IceServerRow[]): IceRowsResult {
  const servers: RTCIceServer[] = [];
  const errors: { row: number; message: string }[] = [];
  rows.forEach((raw, index) => {
    const row = { url: raw.url.trim(), username: raw.username.trim(), credential: raw.credential };
    if (!row.url && !row.username && !row.credential) return;
    const problem = rowProblem(row);
    if (problem) return void errors.push({ row: index + 1, message: problem });
    servers.push(
      row.username || row.credential
        ? { urls: row.url, username: row.username, credential: row.credential }
        : { urls: row.url },
    );
  });
  return errors.length ? { ok: false, errors } : { ok: true, servers };
}

function rowProblem(row: IceServerRow): string | null {
  if (!row.url) return 'Enter the server address, e.g. turns:turn.example.org:5349.';
  const match = ICE_URL.exec(row.url);
  if (!match) {
    return /^(stuns?|turns?):/.test(row.url)
      ? `"${row.url}" is not a valid address: write scheme:host[:port], e.g. turn:turn.example.org:3478.`
      : 'The address must start with stun:, stuns:, turn: or turns:.';
  }
  const port = match[3] ? Number(match[3].slice(1)) : null;
  if (port !== null && (port < 1 || port > 65535)) return `Port ${port} is out of range.`;
  const turn = match[1]!.startsWith('turn');
  if (turn && (!row.username || !row.credential)) {
    return 'A TURN server needs a username and a credential.';
  }
  if (!turn && (row.username || row.credential)) {
    return 'A STUN server takes no username or credential.';
  }
  return null;
}

/** The saved servers back as rows (one row per URL when a server lists several). */
export function toIceRows(servers: readonly RTCIceServer[]): IceServerRow[] {
  return servers.flatMap((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).map((url) => ({
      url,
      username: server.username ?? '',
      credential: typeof server.credential === 'string' ? server.credential : '',
    })),
  );
}
