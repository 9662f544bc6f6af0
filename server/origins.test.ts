import { afterEach, describe, expect, it } from 'vitest';
import { newIdentity } from './test-support/identity.ts';
import { startRelayTestServer, type RelayTestServer } from './test-support/test-server.ts';

let server: RelayTestServer;
afterEach(() => server?.close());

describe('attack: DNS rebinding', () => {
  it('refuses an upgrade whose Origin matches a Host header we were never configured for', async () => {
    server = await startRelayTestServer();
    const { client } = await server.connectNew({
      origin: 'http://evil.example',
      headers: { Host: 'evil.example' },
    });
    expect(await client.settled()).toBe('refused 401');
  });

  it('accepts its configured public origin, with a token signed for it', async () => {
    server = await startRelayTestServer({ publicOrigins: ['https://meet.example.org'] });
    expect(server.publicOrigins).toEqual(['https://meet.example.org']);
    const { client } = await server.connectNew({ origin: 'https://meet.example.org' });
    expect(await client.settled()).toBe('OPEN');
    // Its listen address is no longer one of its origins.
    const direct = await server.connectNew({ origin: server.url });
    expect(await direct.client.settled()).toBe('refused 401');
  });

  it('on loopback accepts the localhost form of its origin by default', async () => {
    server = await startRelayTestServer();
    const origin = `http://localhost:${new URL(server.url).port}`;
    const identity = await newIdentity();
    const token = await identity.token(origin, server.clock.time);
    const client = server.connect({ id: identity.id, token, origin });
    expect(await client.settled()).toBe('OPEN');
  });

  it('accepts an extension by its exact id when configured so, and no other extension', async () => {
    server = await startRelayTestServer({
      allowedOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
    });
    const ours = await server.connectNew({
      origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    });
    expect(await ours.client.settled()).toBe('OPEN');
    const other = await server.connectNew({
      origin: 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba',
    });
    expect(await other.client.settled()).toBe('refused 401');
  });
});
