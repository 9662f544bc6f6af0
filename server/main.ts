import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './app.ts';
import { parseServerOptions } from './options.ts';
import { isWildcard } from './public-origins.ts';

let options: ReturnType<typeof parseServerOptions>;
try {
  options = parseServerOptions(process.argv.slice(2), process.env, (file) =>
    readFileSync(file, 'utf8'),
  );
} catch (error) {
  console.error(`Conclave server: ${(error as Error).message} (see --help)`);
  process.exit(1);
}
if ('help' in options) {
  console.log(options.help);
  process.exit(0);
}

try {
  const server = await startServer(options);
  if (isWildcard(options.host) && options.publicOrigins.length === 0) {
    console.warn(
      `Listening on all interfaces without --public-url: signaling accepts only ${server.publicOrigins.join(', ')}.`,
    );
  }
  console.log(`Conclave is running.
  Open:            ${server.url}/
  Public origins:  ${server.publicOrigins.join(', ')}
  Extension:       load ${path.resolve('dist/extension/chrome-mv3')} as an unpacked extension
                   (chrome://extensions, Developer mode, "Load unpacked"); Firefox build: dist/extension/firefox-mv3
  Signaling:       ${server.url}/peerjs   (set this in the extension's options if you changed the port)
Stop with Ctrl+C.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`Conclave server could not start: ${(error as Error).message}`);
  process.exit(1);
}
