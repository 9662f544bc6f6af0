import { normalizeServerUrl } from './rendezvous.ts';
import { parseServerUrl } from './server-url.ts';

export type ServerListResult = { ok: true; urls: string[] } | { ok: false; errors: string[] };

/**
 * Reads a list of signaling servers typed one per line (blank lines ignored). Every line must
 * pass `parseServerUrl`; each problem is reported with its line number.
 */
export function parseServerList(text: string): ServerListResult {
  const urls: string[] = [];
  const errors: string[] = [];
  const firstLineOf = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const url = raw.trim();
    if (!url) return;
    try {
      parseServerUrl(url);
      const normalized = normalizeServerUrl(url);
      const earlier = firstLineOf.get(normalized);
      if (earlier !== undefined) {
        errors.push(`Line ${line}: the same server as line ${earlier}.`);
        return;
      }
      firstLineOf.set(normalized, line);
      urls.push(url);
    } catch (error) {
      errors.push(`Line ${line}: ${(error as Error).message}`);
    }
  });
  if (errors.length) return { ok: false, errors };
  if (!urls.length) return { ok: false, errors: ['List at least one signaling server.'] };
  return { ok: true, urls };
}
