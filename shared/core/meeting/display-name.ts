import { MAX_NAME_LENGTH } from '../protocol/limits.ts';

// Control and format characters (bidi overrides, zero-width): they hide or reorder what is shown.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Words the room itself adds to names; nobody may put them in their own. */
const MARKER = /\s*\((?:you|host|co-?host|guest|participant|viewer|\d+)\)\s*$/i;
const FALLBACK = 'Guest';

/** A name as people will see it: visible characters only, no "(you)" or "(host)" of its own. */
export function normalizeDisplayName(raw: string): string {
  let name = raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  while (MARKER.test(name)) name = name.replace(MARKER, '').trim();
  return name.slice(0, MAX_NAME_LENGTH).trim() || FALLBACK;
}

/**
 * A meeting's title as everyone is shown it (tab, list, labels): visible characters only, within
 * the wire's length; null when nothing is left. The host and each guest apply the same rule.
 */
export function normalizeMeetingTitle(raw: string): string | null {
  const visible = raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  let kept = '';
  // Whole characters only (no half of a surrogate pair), within the wire's UTF-16 length.
  for (const char of visible) {
    if (kept.length + char.length > MAX_NAME_LENGTH) break;
    kept += char;
  }
  return kept.trim() || null;
}

/**
 * The name a newcomer gets on the roster: normalized, and numbered when someone already has it
 * ("Hana (2)"), so nobody can pass as someone else in the meeting.
 */
export function uniqueDisplayName(raw: string, taken: readonly string[]): string {
  const base = normalizeDisplayName(raw);
  const key = (name: string) => name.toLocaleLowerCase();
  const used = new Set(taken.map(key));
  if (!used.has(key(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd() + suffix;
    if (!used.has(key(candidate))) return candidate;
  }
}
