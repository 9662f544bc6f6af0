// Bench instrumentation, installed in a page before its scripts run (evaluateOnNewDocument).
import type { Page } from 'puppeteer-core';

declare global {
  interface Window {
    benchPeerConnections: RTCPeerConnection[];
  }
}

/** Keeps every peer connection the page makes where the bench can read its stats. */
export function trackPeerConnections(): void {
  const Original = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  window.benchPeerConnections = all;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      all.push(this);
    }
  };
}

/** The video encoding parameters of the page's media connections that are up. */
export function videoSendParameters(page: Page): Promise<RTCRtpEncodingParameters[]> {
  return page.evaluate(() =>
    window.benchPeerConnections
      .filter((pc) => pc.connectionState === 'connected')
      .flatMap((pc) => pc.getSenders().filter((s) => s.track?.kind === 'video'))
      .map((sender) => {
        const { maxBitrate, scaleResolutionDownBy, maxFramerate } =
          sender.getParameters().encodings[0] ?? {};
        return { maxBitrate, scaleResolutionDownBy, maxFramerate };
      }),
  );
}
