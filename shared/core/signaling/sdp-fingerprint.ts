/**
 * The one sha-256 certificate fingerprint an SDP declares, as `sha-256 AB:CD:…`; null when it
 * declares none, another algorithm only, or more than one distinct fingerprint (a description
 * that could put two certificates on one connection is not trusted).
 */
export function sdpFingerprint(sdp: string): string | null {
  const found = new Set<string>();
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    const [, algorithm, value] = match;
    if (algorithm!.toLowerCase() !== 'sha-256') return null;
    found.add(value!.toUpperCase());
  }
  return found.size === 1 ? `sha-256 ${[...found][0]}` : null;
}
