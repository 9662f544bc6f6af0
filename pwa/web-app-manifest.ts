import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#2563eb';

/** What an installed Conclave is: its name, icons, window, and how links reach it. */
export const webAppManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Conclave',
  short_name: 'Conclave',
  description: 'Private peer-to-peer meetings. Nothing of the meeting is kept on any server.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: THEME_COLOR,
  categories: ['communication', 'productivity'],
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  screenshots: [
    {
      src: '/screenshots/lobby-narrow.png',
      sizes: '360x740',
      type: 'image/png',
      form_factor: 'narrow',
      label: 'Start or join a meeting',
    },
    {
      src: '/screenshots/lobby-wide.png',
      sizes: '1280x800',
      type: 'image/png',
      form_factor: 'wide',
      label: 'Start or join a meeting',
    },
  ],
  // An invite link shared to the installed app opens its join screen (pwa/shared-invite.ts).
  share_target: {
    action: '/join',
    method: 'GET',
    params: { title: 'title', text: 'text', url: 'url' },
  },
  protocol_handlers: [{ protocol: 'web+conclave', url: '/join?link=%s' }],
};
