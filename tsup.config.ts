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
]);
