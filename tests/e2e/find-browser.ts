import { existsSync } from 'node:fs';

/** The browser at `$envVar`, or the first candidate that exists; else says how to get one. */
export function findBrowser(
  name: string,
  envVar: string,
  candidates: readonly string[],
  debianPackage: string,
): string {
  const found = [process.env[envVar], ...candidates].find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      `${name} not found. Install it with "apt-get install -y ${debianPackage}" (Debian) or set ${envVar}.`,
    );
  }
  return found;
}
