import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'pwa/**/*.test.ts',
      'extension/**/*.test.ts',
    ],
    environment: 'node',
  },
});
