import type { MediaLink } from '../signaling/transport.ts';
import { sameSendQuality, sendQualityFor, type SendQuality } from './send-quality.ts';

/** Keeps every link's video sending at the quality its number of peers calls for. */
export class SendQualityApplier {
  private readonly applied = new WeakMap<MediaLink, SendQuality>();

  constructor(private readonly log: (line: string) => void) {}

  /** The links that carry our media now; call whenever they may have changed. */
  update(links: readonly MediaLink[]): void {
    const quality = sendQualityFor(links.length);
    for (const link of links) {
      if (sameSendQuality(this.applied.get(link), quality)) continue;
      this.applied.set(link, quality);
      link.setSendQuality(quality).catch((error: unknown) => {
        // Forgotten, so the next change tries this link again.
        if (this.applied.get(link) === quality) this.applied.delete(link);
        this.log(`send quality for ${link.remotePeerId}: ${String(error)}`);
      });
    }
  }
}
