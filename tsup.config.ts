import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // lodash-es is ESM-only: bundle it so that require() works on every Node >= 20.
    noExternal: ['lodash-es'],
    shims: true,
  },
  {
    // The command line: ESM only; csv-parse and cli-progress are bundled into it, so the
    // library's runtime dependencies stay json-rules-engine, zod and lodash-es.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['lodash-es', 'csv-parse', 'cli-progress'],
    // cli-progress is CommonJS and requires Node built-ins; give the ESM bundle a require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
]);
