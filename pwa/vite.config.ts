import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: `${repoRoot}public`,
  build: { outDir: `${repoRoot}dist/pwa`, emptyOutDir: true, target: 'es2022' },
  server: { fs: { allow: [repoRoot] } },
  plugins: [
    preact(),
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Conclave',
        short_name: 'Conclave',
        description: 'Private peer-to-peer meetings.',
        start_url: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#2563eb',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/peerjs/, /^\/config\.json/],
        ignoreURLParametersMatching: [/.*/],
        // Take over the page that installed it, so the lobby works offline from the first visit.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
