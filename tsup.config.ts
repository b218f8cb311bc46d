import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * Two fixes to exceljs and its zip libraries, made as they are bundled into the CLI:
 *
 * - exceljs's streaming reader decodes each piece of a sheet's XML on its own
 *   (`bufferToString(chunk)`), so a Chinese character whose UTF-8 bytes straddle two pieces
 *   becomes U+FFFD (鹤汀���第26村). One TextDecoder per sheet, in streaming mode, keeps such
 *   characters whole. test/xlsx-read-boundary.test.ts shows the built CLI reads them.
 * - archiver-utils, binary and buffers call `new Buffer()`; bundled, they are outside
 *   node_modules, where Node prints a deprecation warning on every run: each call becomes
 *   `Buffer.alloc(n)` or `Buffer.from(value)`, which is what it meant.
 */
const PATCHES: Array<{ file: RegExp; from: RegExp | string; to: string; optional?: boolean }> = [
  {
    file: /node_modules[\\/]exceljs[\\/]lib[\\/]utils[\\/]parse-sax\.js$/,
    from: 'saxesParser.write(bufferToString(chunk));',
    to: "saxesParser.write(typeof chunk === 'string' ? chunk : (decoder ??= new TextDecoder('utf-8')).decode(chunk, { stream: true }));",
  },
  {
    file: /node_modules[\\/]exceljs[\\/]lib[\\/]utils[\\/]parse-sax\.js$/,
    from: 'const saxesParser = new SaxesParser();',
    to: 'const saxesParser = new SaxesParser();\n  let decoder;',
  },
  {
    file: /node_modules[\\/](archiver-utils|binary|buffers)[\\/]index\.js$/,
    from: /new Buffer\(/g,
    to: '((value, encoding) => typeof value === "number" ? Buffer.alloc(value) : Buffer.from(value, encoding))(',
    // Newer copies (zip-stream's own archiver-utils) no longer call it.
    optional: true,
  },
];

const patchDependencies: Plugin = {
  name: 'patch-dependencies',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/](exceljs[\\/]lib[\\/]utils[\\/]parse-sax|archiver-utils[\\/]index|binary[\\/]index|buffers[\\/]index)\.js$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      for (const patch of PATCHES) {
        if (!patch.file.test(args.path)) continue;
        const before = contents;
        contents = contents.replace(patch.from as string, patch.to);
        // A patch that no longer applies (the dependency changed) must fail the build, not pass silently.
        if (contents === before && !patch.optional) throw new Error(`patch-dependencies: ${String(patch.from)} not found in ${args.path}`);
      }
      return { contents, loader: 'js' };
    });
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
    esbuildPlugins: [patchDependencies],
    // cli-progress and exceljs are CommonJS and require Node built-ins; give the ESM bundle a require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
]);
