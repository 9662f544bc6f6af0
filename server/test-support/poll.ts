/** Polls `condition` until it holds, failing with `what` after the deadline. No fixed sleeps. */
export async function until(
  condition: () => boolean,
  what: string,
  deadlineMs = 4_000,
): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > deadlineMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
