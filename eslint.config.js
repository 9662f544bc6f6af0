import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellImports = [
  {
    group: ['**/extension/**', '**/pwa/**', '**/server/**'],
    message: 'shared never imports a shell or the server.',
  },
];
const peerjsOnlyInTransport = {
  name: 'peerjs',
  message: 'Only shared/core/signaling/peerjs-transport.ts imports peerjs.',
};
const browserGlobals = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'navigator',
  'chrome',
  'browser',
].map((name) => ({
  name,
  message: 'shared/core and shared/crypto run in Node too: inject what you need.',
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.wxt', '.output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['shared/**'],
    ignores: ['shared/core/signaling/peerjs-transport.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [peerjsOnlyInTransport],
          patterns: shellImports,
        },
      ],
    },
  },
  {
    files: ['shared/core/**', 'shared/crypto/**'],
    ignores: ['shared/core/signaling/peerjs-transport.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [peerjsOnlyInTransport],
          patterns: [
            ...shellImports,
            {
              group: ['preact', 'preact/*', '@preact/*', 'idb', 'wxt', 'wxt/*'],
              message: 'The core has no UI, storage or WXT.',
            },
            {
              group: ['**/ui/**', '**/storage/**', '**/platform.ts'],
              message: 'The core does not know the UI, storage or the platform.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...browserGlobals],
    },
  },
  {
    files: [
      'tests/bench/bare/**/*.js',
      'tests/e2e/impostor/**/*.js',
      'tests/e2e/relay-compat/**/*.js',
    ],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'performance',
          'location',
          'URL',
          'setTimeout',
          'setInterval',
          'clearInterval',
          'crypto',
          'TextEncoder',
          'btoa',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    files: ['shared/core/signaling/peerjs-transport.ts'],
    rules: { 'no-restricted-globals': ['error', ...browserGlobals] },
  },
);
