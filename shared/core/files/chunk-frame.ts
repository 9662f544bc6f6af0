import { fromBase64Url, toBase64Url } from '../../crypto/encoding.ts';

/**
 * A piece of a file travels as one binary message, beside the JSON text of everything else:
 * `[tag 1][transfer id 16][seq u32, big-endian][bytes]`. Binary spares base64's third more on
 * the wire and a JSON parse per piece; only verified links deliver it (see Mesh).
 */
const CHUNK_TAG = 1;
const ID_BYTES = 16;
const HEADER_BYTES = 1 + ID_BYTES + 4;
/** File bytes per frame: each message costs both sides far more than its bytes. */
export const FILE_CHUNK_BYTES = 64 * 1024;

export interface ChunkFrame {
  /** The transfer's id as its offer named it (base64url of 16 bytes). */
  id: string;
  seq: number;
  bytes: Uint8Array<ArrayBuffer>;
}

export function encodeChunkFrame(
  id: string,
  seq: number,
  bytes: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(HEADER_BYTES + bytes.length);
  frame[0] = CHUNK_TAG;
  frame.set(fromBase64Url(id), 1);
  new DataView(frame.buffer).setUint32(1 + ID_BYTES, seq);
  frame.set(bytes, HEADER_BYTES);
  return frame;
}

/** Null for anything that is not a chunk frame; its bytes may still be too many (the caller checks). */
export function decodeChunkFrame(data: ArrayBuffer): ChunkFrame | null {
  if (data.byteLength <= HEADER_BYTES) return null;
  const header = new Uint8Array(data, 0, HEADER_BYTES);
  if (header[0] !== CHUNK_TAG) return null;
  return {
    id: toBase64Url(header.subarray(1, 1 + ID_BYTES)),
    seq: new DataView(data).getUint32(1 + ID_BYTES),
    bytes: new Uint8Array(data, HEADER_BYTES),
  };
}
