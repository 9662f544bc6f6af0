/** Renew this long before the earliest credential expires (or at half its remaining time). */
const RENEW_MARGIN_MS = 5 * 60_000;
/** Never sooner than this after the last attempt, nor later when an attempt failed. */
const RETRY_MS = 30_000;

/**
 * TURN REST usernames (coturn's `use-auth-secret`) begin with their unix expiry: the earliest
 * one among the servers, in ms, or null when none expires.
 */
export function earliestExpiryMs(iceServers: readonly RTCIceServer[]): number | null {
  const expiries = iceServers
    .map((server) => /^(\d+):/.exec(server.username ?? '')?.[1])
    .filter((seconds): seconds is string => seconds !== undefined)
    .map((seconds) => Number(seconds) * 1000);
  return expiries.length ? Math.min(...expiries) : null;
}

export interface IceRenewalDependencies {
  renew(): Promise<RTCIceServer[]>;
  /** Gets the fresh servers, for the connections made from now on. */
  apply(iceServers: RTCIceServer[]): void;
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/**
 * Keeps expiring TURN credentials fresh for a long meeting: connections set up after the first
 * credential expired (someone joining an hour in) would otherwise get no relay. Returns `stop`.
 */
export function renewIceServersBeforeExpiry(
  initial: readonly RTCIceServer[],
  deps: IceRenewalDependencies,
): () => void {
  let timer: unknown = null;
  let stopped = false;
  /** When to renew: ahead of the earliest expiry; never, when nothing expires. */
  const delayFor = (servers: readonly RTCIceServer[]): number | null => {
    const expiry = earliestExpiryMs(servers);
    if (expiry === null) return null;
    const remaining = expiry - deps.now();
    return Math.max(RETRY_MS, remaining - Math.min(RENEW_MARGIN_MS, remaining / 2));
  };
  const renewIn = (delay: number | null) => {
    if (delay !== null) timer = deps.setTimer(() => void renewNow(), delay);
  };
  const renewNow = async () => {
    try {
      const fresh = await deps.renew();
      if (stopped) return;
      deps.apply(fresh);
      renewIn(delayFor(fresh));
    } catch {
      if (!stopped) renewIn(RETRY_MS);
    }
  };
  renewIn(delayFor(initial));
  return () => {
    stopped = true;
    if (timer !== null) deps.clearTimer(timer);
  };
}
