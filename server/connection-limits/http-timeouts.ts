/**
 * Timeouts that free a connection which never completes a request (slowloris, half-open).
 * Node checks them every `connectionsCheckingInterval`.
 */
export const HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 2_000,
} as const;
