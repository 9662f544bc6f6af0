// Forwards TCP from 127.0.0.1:<port> in the browser's namespace to <address>:<port> across the
// veth pair, so the page keeps a loopback origin (a secure context, where plain ws:// is
// allowed) while every byte of signaling crosses the link a test can cut.
import net from 'node:net';
import process from 'node:process';
import { splice } from './splice.mjs';

const [address, port] = process.argv.slice(2);
net
  .createServer(splice(() => net.connect(Number(port), address)))
  .listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
