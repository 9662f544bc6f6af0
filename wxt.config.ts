import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Scripts only from the extension; connections to the signaling servers the person lists (TLS,
// or plain on this computer only: see parseServerUrl); no form posts anywhere.
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https: wss: http://localhost:* ws://localhost:* http://127.0.0.1:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default defineConfig({
  srcDir: 'extension',
  outDir: 'dist/extension',
  publicDir: 'public',
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Conclave',
    description: 'Private peer-to-peer meetings. Nothing of the meeting is kept on any server.',
    // activeTab + scripting: the popup reads the invite link in the tab it was opened over, and
    // only then. contextMenus: "Join with Conclave" on invite links. No host permissions.
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus'],
    action: { default_title: 'Conclave' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Open Conclave (join the meeting in this tab, or start one)',
      },
    },
    icons: { 128: 'icon-128.png', 512: 'icon-512.png' },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'conclave@conclave.invalid',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  // Firefox's review gets the sources that build the extension, and nothing else.
  zip: {
    excludeSources: [
      'dist/**',
      'test-artifacts/**',
      'bench-results.json',
      'server/**',
      'tests/**',
      'deploy/**',
      'pwa/**',
      'public/screenshots/**',
      '**/*.test.ts',
      '.ci/**',
    ],
  },
  hooks: {
    // The web app's install images (maskable icon, screenshots) share public/ but not the zip.
    'build:publicAssets': (_wxt, files) => {
      const webAppOnly = (dest: string) => /^(screenshots\/|icon-maskable-)/.test(dest);
      files.splice(0, files.length, ...files.filter((f) => !webAppOnly(f.relativeDest)));
    },
  },
  vite: () => ({ plugins: [preact()] }),
});
