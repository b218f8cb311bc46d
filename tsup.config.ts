import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * exceljs's zip libraries (archiver-utils, binary, buffers) still call `new Buffer()`. Node
 * prints a deprecation warning for such a call outside node_modules, which a bundle is: each
 * call becomes `Buffer.alloc(n)` or `Buffer.from(value)`, which is what it meant.
 */
const noLegacyBuffer: Plugin = {
  name: 'no-legacy-buffer',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/](archiver-utils|binary|buffers)[\\/]index\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        /new Buffer\(/g,
        '((value, encoding) => typeof value === "number" ? Buffer.alloc(value) : Buffer.from(value, encoding))(',
      ),
      loader: 'js',
    }));
  },
};

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
    // The command line: ESM only; csv-parse, cli-progress and exceljs (spreadsheets) are
    // bundled into it, so the library's runtime dependencies stay json-rules-engine and zod.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['csv-parse', 'cli-progress', 'exceljs'],
    esbuildPlugins: [noLegacyBuffer],
    // cli-progress and exceljs are CommonJS and require Node built-ins; give the ESM bundle a require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
]);
