// Firefox is driven over WebDriver BiDi, a WebSocket on loopback, and the loopback of the
// browser's namespace is not ours. A Unix socket reaches across namespaces without crossing the
// veth pair, so cutting the link never cuts the test's hold on the browser. Two halves, each
// reading Firefox's output on stdin:
//   inside <socket>   (the browser's namespace) once Firefox says where BiDi listens, serves
//                     <socket> to that port, then passes the line on; every line goes to stdout
//   outside <socket>  (ours) on the same line, serves the same port on our loopback to <socket>
//                     (Firefox checks the port in the Host header), then passes the line on;
//                     every line goes to stderr, for Puppeteer to read
import net from 'node:net';
import process from 'node:process';
import readline from 'node:readline';
import { splice } from './splice.mjs';

const BIDI_LINE = /^WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:(\d+)(.*)$/;
const [side, socketPath] = process.argv.slice(2);
const lines = readline.createInterface({ input: process.stdin });
lines.on('close', () => process.exit(0));

if (side === 'inside') {
  lines.on('line', (line) => {
    const bidi = BIDI_LINE.exec(line);
    if (!bidi) return process.stdout.write(`${line}\n`);
    net
      .createServer(splice(() => net.connect(Number(bidi[1]), '127.0.0.1')))
      .listen(socketPath, () => process.stdout.write(`${line}\n`));
  });
} else {
  // Lines keep their order: each waits for the one before.
  let before = Promise.resolve();
  lines.on('line', (line) => {
    const bidi = BIDI_LINE.exec(line);
    const ready = !bidi
      ? before
      : before.then(
          () =>
            new Promise((resolve) =>
              net
                .createServer(splice(() => net.connect(socketPath)))
                .listen(Number(bidi[1]), '127.0.0.1', resolve),
            ),
        );
    before = ready.then(() => process.stderr.write(`${line}\n`));
  });
}
