import { defineConfig } from 'vitest/config';

/** `npm run test:heavy`: the runs too long for `npm test` (CI runs both). */
export default defineConfig({
  test: {
    include: ['test/heavy/**/*.test.ts'],
    testTimeout: 600_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
