// Run as a child process by app.test.ts: starts the server, registers a socket, closes the
// server, and then must exit on its own (no timer or socket left behind).
import { registered, startRelayTestServer } from './test-server.ts';

const server = await startRelayTestServer();
const { client } = await registered(server);
await server.close();
client.close();
console.log('closed');
