import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      // Type-only modules and the two-line bin wrapper have no statements to cover.
      exclude: ['src/**/types.ts', 'src/engine/leaf.ts', 'src/cli/bin.ts', 'src/index.ts'],
      reporter: ['text-summary', 'html'],
      thresholds: { lines: 90 },
    },
  },
});
