import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: `index` is the core entry (no Node built-in: it runs in a browser bundle),
    // `node` adds the folder-reading loadRuleset (chosen by the `node` export condition).
    // No shims: neither entry reads import.meta.url, __dirname or __filename.
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    // The command line: ESM only; csv-parse and cli-progress are bundled into it, so the
    // library's runtime dependencies stay json-rules-engine and zod.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['csv-parse', 'cli-progress'],
    // cli-progress is CommonJS and requires Node built-ins; give the ESM bundle a require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
]);
