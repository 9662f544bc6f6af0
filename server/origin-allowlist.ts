/**
 * Whether a browser Origin may use this server. Entries are exact origins or a scheme wildcard
 * (`chrome-extension://*`). The server's own origin is always allowed. No Origin: refused.
 */
export function originAllowed(
  origin: string | undefined,
  ownOrigins: readonly string[],
  allowlist: readonly string[],
): boolean {
  if (!origin) return false;
  if (ownOrigins.includes(origin)) return true;
  return allowlist.some((entry) =>
    entry.endsWith('://*')
      ? origin.startsWith(entry.slice(0, -1)) && origin.length > entry.length - 1
      : entry === origin,
  );
}
