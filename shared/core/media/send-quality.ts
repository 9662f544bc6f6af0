/**
 * How hard to send our camera to each peer. In a mesh every peer connection encodes its own copy,
 * so the cost in CPU and uplink grows with the number of peers: the more there are, the smaller,
 * slower and cheaper each copy.
 */
export interface SendQuality {
  /** Bits per second for one peer's copy. */
  maxBitrate: number;
  /** 1 sends the camera's own size; 2 halves width and height. */
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

/** Up to `upToPeers` peers, send this; the camera itself is captured at 640x360, 24 fps. */
const TIERS: readonly (SendQuality & { upToPeers: number })[] = [
  { upToPeers: 2, maxBitrate: 1_000_000, scaleResolutionDownBy: 1, maxFramerate: 24 },
  { upToPeers: 3, maxBitrate: 500_000, scaleResolutionDownBy: 1.5, maxFramerate: 20 },
  { upToPeers: Infinity, maxBitrate: 300_000, scaleResolutionDownBy: 2, maxFramerate: 15 },
];

export function sendQualityFor(peerCount: number): SendQuality {
  const { maxBitrate, scaleResolutionDownBy, maxFramerate } = TIERS.find(
    (tier) => peerCount <= tier.upToPeers,
  )!;
  return { maxBitrate, scaleResolutionDownBy, maxFramerate };
}

export function sameSendQuality(a: SendQuality | undefined, b: SendQuality): boolean {
  return (
    a?.maxBitrate === b.maxBitrate &&
    a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
    a.maxFramerate === b.maxFramerate
  );
}
