import { describe, expect, it } from 'vitest';
import { sameSendQuality, sendQualityFor } from './send-quality.ts';

describe('sendQualityFor', () => {
  it('sends the camera as captured to one or two peers', () => {
    for (const peers of [0, 1, 2]) {
      expect(sendQualityFor(peers)).toEqual({
        maxBitrate: 1_000_000,
        scaleResolutionDownBy: 1,
        maxFramerate: 24,
      });
    }
  });

  it('sends smaller, slower and cheaper copies as peers are added', () => {
    const tiers = [2, 3, 4, 5].map(sendQualityFor);
    for (let i = 1; i < tiers.length; i++) {
      expect(tiers[i]!.maxBitrate).toBeLessThanOrEqual(tiers[i - 1]!.maxBitrate);
      expect(tiers[i]!.scaleResolutionDownBy).toBeGreaterThanOrEqual(
        tiers[i - 1]!.scaleResolutionDownBy,
      );
      expect(tiers[i]!.maxFramerate).toBeLessThanOrEqual(tiers[i - 1]!.maxFramerate);
    }
    expect(sendQualityFor(5)).toEqual({
      maxBitrate: 300_000,
      scaleResolutionDownBy: 2,
      maxFramerate: 15,
    });
  });

  it('keeps the whole uplink of a six-person mesh under 2 Mbps', () => {
    for (const peers of [1, 2, 3, 4, 5]) {
      expect(sendQualityFor(peers).maxBitrate * peers).toBeLessThanOrEqual(2_000_000);
    }
  });

  it('tells equal qualities apart from different ones', () => {
    expect(sameSendQuality(sendQualityFor(5), sendQualityFor(4))).toBe(true);
    expect(sameSendQuality(sendQualityFor(2), sendQualityFor(3))).toBe(false);
    expect(sameSendQuality(undefined, sendQualityFor(1))).toBe(false);
  });
});
