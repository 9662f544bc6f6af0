import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { webAppManifest } from './web-app-manifest.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: `${repoRoot}public`,
  build: {
    outDir: `${repoRoot}dist/pwa`,
    emptyOutDir: true,
    target: 'es2022',
    // .vite/manifest.json: which chunk holds which module, for the test of the lobby's first
    // load (never served: the server refuses hidden paths; not precached).
    manifest: true,
  },
  server: { fs: { allow: [repoRoot] } },
  plugins: [
    preact(),
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      manifest: webAppManifest,
      workbox: {
        // The lobby and the meeting code (its lazy chunk) alike, so both open offline.
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        // Screenshots are for install sheets only; the small icons are the extension's.
        globIgnores: ['screenshots/**', 'icon-16.png', 'icon-48.png', 'icon-128.png'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/peerjs/, /^\/config\.json/],
        ignoreURLParametersMatching: [/.*/],
        // Take over the page that installed it, so the lobby works offline from the first visit.
        clientsClaim: true,
        // A new version waits until the person chooses "Reload to update" (pwa/update).
        skipWaiting: false,
      },
    }),
  ],
});
