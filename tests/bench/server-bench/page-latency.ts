import http from 'node:http';

/** Loads `url` one request after another from `localAddress` until `until`; latency of each. */
export async function pageLatencies(
  url: string,
  localAddress: string,
  until: () => boolean,
): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const start = performance.now();
    const ok = await new Promise<boolean>((resolve) => {
      const request = http.get(url, { localAddress, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      });
      request.setTimeout(10_000, () => request.destroy());
      request.on('error', () => resolve(false));
    });
    samples.push(ok ? performance.now() - start : 10_000);
  }
  return samples;
}
