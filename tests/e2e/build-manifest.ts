import { readFileSync } from 'node:fs';

interface ManifestChunk {
  file: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const ENTRY = 'index.html';

/** The built PWA's chunks, read from Vite's build manifest (dist/pwa/.vite/manifest.json). */
export class PwaChunks {
  private readonly chunks: Record<string, ManifestChunk> = JSON.parse(
    readFileSync('dist/pwa/.vite/manifest.json', 'utf8'),
  );

  /** The scripts the page's HTML loads up front: its entry chunk and what that imports. */
  firstLoad(): Set<string> {
    return this.closure(ENTRY);
  }

  /**
   * The chunk of `src`, a module the page fetches lazily (e.g. `shared/ui/prejoin/PreJoin.tsx`).
   * Throws when it has none of its own: when it was bundled into another, say, imported statically.
   */
  file(src: string): string {
    return `/${this.chunks[this.keyOf(src)]!.file}`;
  }

  /** The scripts only these lazy modules bring: their chunks and what nothing else loads. */
  exclusiveTo(srcs: string[]): string[] {
    const keys = srcs.map((src) => this.keyOf(src));
    const group = new Set<string>();
    for (const key of keys) this.closure(key, group);
    const rest = this.firstLoad();
    for (const key of this.chunks[ENTRY]!.dynamicImports ?? []) {
      if (!keys.includes(key)) this.closure(key, rest);
    }
    return [...group].filter((file) => !rest.has(file));
  }

  private keyOf(src: string): string {
    const key = Object.keys(this.chunks).find((k) => k.endsWith(src));
    if (!key || !this.chunks[key]!.isDynamicEntry) throw new Error(`${src} has no lazy chunk`);
    return key;
  }

  private closure(key: string, into = new Set<string>()): Set<string> {
    const chunk = this.chunks[key]!;
    if (into.has(`/${chunk.file}`)) return into;
    into.add(`/${chunk.file}`);
    for (const imported of chunk.imports ?? []) this.closure(imported, into);
    return into;
  }
}
