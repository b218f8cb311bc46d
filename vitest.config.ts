import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Heavy runs (the 100,000-record differential, spawned builds) live in `npm run test:heavy`.
    exclude: [...configDefaults.exclude, 'test/heavy/**'],
    testTimeout: 60_000,
    // One test file per core: vitest's default (one fewer than the cores) runs one file at a time
    // on a 2-core machine, and the main process is idle while the workers run (100 s against
    // 70 s for \`npm test\` here).
    maxWorkers: availableParallelism(),
    // Rebuilds dist/ first when it is older than src/ or rules/ (tests of the CLI and the schema file read it).
    globalSetup: ['test/helpers/global-setup.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      // Type-only modules and the two-line bin wrapper have no statements to cover.
      exclude: ['src/**/types.ts', 'src/**/*.types.ts', 'src/engine/leaf.ts', 'src/cli/bin.ts', 'src/index.ts'],
      reporter: ['text-summary', 'html'],
      thresholds: { lines: 90 },
    },
  },
});
