import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'extension',
  outDir: 'dist/extension',
  publicDir: 'public',
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Conclave',
    description: 'Private peer-to-peer meetings. Nothing of the meeting is kept on any server.',
    permissions: ['storage'],
    action: { default_title: 'Conclave' },
    icons: { 128: 'icon-128.png', 512: 'icon-512.png' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    },
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
  hooks: {
    // The web app's install images (maskable icon, screenshots) share public/ but not the zip.
    'build:publicAssets': (_wxt, files) => {
      const webAppOnly = (dest: string) => /^(screenshots\/|icon-maskable-)/.test(dest);
      files.splice(0, files.length, ...files.filter((f) => !webAppOnly(f.relativeDest)));
    },
  },
  vite: () => ({ plugins: [preact()] }),
});
