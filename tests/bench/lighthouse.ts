import lighthouse from 'lighthouse';
import { lobbyFirstVisitGzipBytes } from './lobby-transfer.ts';
import type { StepScope } from './steps.ts';

/**
 * Lighthouse on the lobby with its default mobile settings (a mid-range phone on slow 4G,
 * simulated), in a Chromium of its own; then every byte the lobby's first visit downloads.
 */
export async function benchLobby(scope: StepScope, serverUrl: string) {
  const browser = await scope.chromium();
  scope.doing = 'running Lighthouse';
  const port = Number(new URL(browser.wsEndpoint()).port);
  const run = async () => {
    const result = await lighthouse(`${serverUrl}/`, {
      port,
      hostname: '127.0.0.1',
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    return result;
  };
  let result = await run();
  // A trace that missed an event (NO_NAVSTART, NO_FCP...) can happen on a loaded machine;
  // Lighthouse's own advice is to run it again. Once: a page that never paints fails again.
  if (result.lhr.runtimeError?.code.startsWith('NO_')) {
    console.log(`  Lighthouse: ${result.lhr.runtimeError.code}; running it once more`);
    result = await run();
  }
  if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
  const { categories, audits } = result.lhr;
  const figures = {
    lighthouseMobilePerformance: Math.round((categories.performance?.score ?? 0) * 100),
    lighthouseAccessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    lobbyLcpMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? NaN),
    lobbyTbtMs: Math.round(audits['total-blocking-time']?.numericValue ?? NaN),
    lobbyCls: Number((audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
  };
  const fcp = Math.round(audits['first-contentful-paint']?.numericValue ?? NaN);
  console.log(
    `  Lighthouse: FCP ${fcp} ms; LCP element ${lcpElement(audits['largest-contentful-paint-element'])}`,
  );
  scope.doing = 'counting the first visit';
  return { ...figures, lobbyTransferGzipBytes: await lobbyFirstVisitGzipBytes(browser, serverUrl) };
}

/** The LCP element's selector and text, as Lighthouse names it, so a regression says where to look. */
function lcpElement(audit: { details?: unknown } | undefined): string {
  const text = JSON.stringify(audit?.details ?? null);
  const selector = /"selector":"([^"]*)"/.exec(text)?.[1];
  const label = /"nodeLabel":"([^"]*)"/.exec(text)?.[1];
  return selector ? `${selector} (“${label ?? ''}”)` : 'not reported';
}
