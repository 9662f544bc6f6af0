// The bench runs as steps, each with the browsers and servers it opened: a step that fails or
// overruns its time is reported by name with its reason, everything it opened is closed, and
// the steps after it still run.
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../e2e/chromium.ts';
import { saveFailureScreens } from '../e2e/failure-screens.ts';
import { launchFirefox } from '../e2e/firefox.ts';

/** What a step has opened; all of it is closed when the step ends, however it ends. */
export class StepScope {
  private readonly closers: Array<() => Promise<unknown>> = [];
  /** What the step is doing now, named in its failure. */
  doing = 'starting';

  /** Keeps `thing`, to be closed with `close` when the step ends (last opened, first closed). */
  own<T>(thing: T, close: (thing: T) => Promise<unknown>): T {
    this.closers.push(() => close(thing));
    return thing;
  }

  chromium(): Promise<Browser> {
    return launchChromium().then((browser) => this.own(browser, (b) => b.close()));
  }

  firefox(): Promise<Browser> {
    return launchFirefox().then((browser) => this.own(browser, (b) => b.close()));
  }

  async closeAll(): Promise<string[]> {
    const problems: string[] = [];
    while (this.closers.length > 0) {
      await this.closers.pop()!().catch((error: unknown) => problems.push(errorText(error)));
    }
    return problems;
  }
}

export type StepOutcome<T> =
  | { name: string; ok: true; figures: T; seconds: number }
  | { name: string; ok: false; error: string; seconds: number };

export const errorText = (error: unknown) =>
  error instanceof Error ? error.message.split('\n')[0]! : String(error);

const elapsed = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/**
 * Runs one step within `limitMs`. Past the limit its browsers are closed, which ends whatever
 * it still waits on in them, and it counts as failed. A failure leaves the step's pages as
 * pictures and text in test-artifacts/failures/bench-<name>-*.
 */
export async function runStep<T>(
  name: string,
  limitMs: number,
  body: (scope: StepScope) => Promise<T>,
): Promise<StepOutcome<T>> {
  const scope = new StepScope();
  const started = performance.now();
  console.log(`- ${name}...`);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${limitMs / 1000} s`)),
      limitMs,
    );
  });
  const work = body(scope);
  // Once it has failed or overrun, what the step still had pending no longer matters.
  work.catch(() => undefined);
  let outcome: StepOutcome<T>;
  try {
    outcome = { name, ok: true, figures: await Promise.race([work, overrun]), seconds: 0 };
  } catch (error) {
    const screens = `bench-${name}`;
    await saveFailureScreens(screens).catch(() => undefined);
    const where = `test-artifacts/failures/${screens.replace(/[^a-z0-9]+/gi, '-')}-*`;
    outcome = {
      name,
      ok: false,
      error: `while ${scope.doing}: ${errorText(error)} (its pages: ${where})`,
      seconds: 0,
    };
  } finally {
    clearTimeout(timer);
  }
  const closeProblems = await scope.closeAll();
  if (outcome.ok && closeProblems.length > 0) {
    outcome = { name, ok: false, error: `closing: ${closeProblems.join('; ')}`, seconds: 0 };
  }
  outcome.seconds = elapsed(started);
  console.log(
    outcome.ok
      ? `  done in ${outcome.seconds} s`
      : `  FAILED after ${outcome.seconds} s: ${outcome.error}`,
  );
  return outcome;
}
