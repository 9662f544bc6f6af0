import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './content-encoding.ts';
import { isCompressible } from './content-type.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface Variant {
  encoding: Encoding;
  body: Buffer;
  etag: string;
}

interface Entry {
  mtimeMs: number;
  size: number;
  identity: Variant;
  /** Made on first request, off the event loop (zlib's thread pool). */
  compressed: Partial<Record<Exclude<Encoding, 'identity'>, Promise<Variant>>>;
}

/**
 * The built files in memory, each compressed once per encoding. A file that changes on disk
 * (a new build deployed under a running server) is read again.
 */
export class FileCache {
  private readonly entries = new Map<string, Entry>();

  /** The file at `absolutePath` in the wanted encoding (identity when that is no smaller). */
  async variant(absolutePath: string, wanted: Encoding): Promise<Variant | null> {
    const entry = await this.entry(absolutePath);
    if (!entry) return null;
    if (wanted === 'identity' || !isCompressible(path.extname(absolutePath))) {
      return entry.identity;
    }
    entry.compressed[wanted] ??= compress(entry.identity, wanted);
    const variant = await entry.compressed[wanted];
    return variant.body.length < entry.identity.body.length ? variant : entry.identity;
  }

  private async entry(absolutePath: string): Promise<Entry | null> {
    const info = await stat(absolutePath).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = this.entries.get(absolutePath);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = await readFile(absolutePath);
    const entry: Entry = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      identity: { encoding: 'identity', body, etag: etagOf(body, 'identity') },
      compressed: {},
    };
    this.entries.set(absolutePath, entry);
    return entry;
  }
}

function etagOf(body: Buffer, encoding: Encoding): string {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return `"${hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
}

async function compress(
  identity: Variant,
  encoding: Exclude<Encoding, 'identity'>,
): Promise<Variant> {
  const body =
    encoding === 'br'
      ? await brotli(identity.body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: identity.body.length,
          },
        })
      : await gzipAsync(identity.body, { level: constants.Z_BEST_COMPRESSION });
  // The ETag names the content (the identity bytes), so it is stable across compressor versions.
  return { encoding, body, etag: etagOf(identity.body, encoding) };
}
