// npm run images: draws the maskable icon and photographs the lobby for the web app manifest
// (public/icon-maskable-512.png, public/screenshots/*.png). Run after a change to either.
import path from 'node:path';
import { launchChromium } from '../../tests/e2e/chromium.ts';
import { startTestServer } from '../../tests/e2e/server.ts';
import { THEME_COLOR } from '../web-app-manifest.ts';

// The rings of icon-512.png on a full-bleed square: everything inside the 80 % safe circle.
const MASKABLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${THEME_COLOR}"/>
  <circle cx="256" cy="256" r="143" fill="#1e3f7a"/>
  <circle cx="256" cy="256" r="102" fill="#ffffff"/>
</svg>`;

const SCREENSHOTS = [
  { file: 'lobby-narrow.png', width: 360, height: 740 },
  { file: 'lobby-wide.png', width: 1280, height: 800 },
];

const server = await startTestServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 512, height: 512 });
  await page.setContent(`<body style="margin:0">${MASKABLE_ICON}</body>`);
  await page.screenshot({ path: path.resolve('public/icon-maskable-512.png') });

  for (const { file, width, height } of SCREENSHOTS) {
    await page.setViewport({ width, height });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('::-p-aria([name="New meeting"][role="button"])');
    await page.screenshot({ path: path.resolve('public/screenshots', file) });
  }
  console.log('Written: public/icon-maskable-512.png, public/screenshots/*.png');
} finally {
  await browser.close();
  await server.close();
  process.exit();
}
