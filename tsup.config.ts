import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/**
 * Two fixes to exceljs and its zip libraries, made as they are bundled into the CLI:
 *
 * - exceljs's streaming reader decodes each piece of a sheet's XML on its own
 *   (`bufferToString(chunk)`), so a Chinese character whose UTF-8 bytes straddle two pieces
 *   becomes U+FFFD (鹤汀���第26村). One TextDecoder per sheet, in streaming mode, keeps such
 *   characters whole. test/heavy/xlsx-read-boundary.test.ts shows the built CLI reads them.
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

const SRC = resolve('src');

/** The modules of the core entry, for the browser build: everything but the CLI and the Node-only loader. */
function coreModules(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join(SRC, 'cli') ? [] : coreModules(path);
    const browserOnly = name.endsWith('.browser.ts') || name.endsWith('.types.ts') || name === 'types.ts';
    return name.endsWith('.ts') && !browserOnly && !['node.ts', 'load-folder.ts'].includes(relative(SRC, path)) ? [relative('.', path)] : [];
  });
}

/** Modules the browser build replaces by their `.browser.ts` sibling (see those files). */
const BROWSER_REPLACED = ['engine/reference.ts', 'plan/load.ts', 'schema/accept-code.ts', 'facts-code.ts'].map((path) => join(SRC, path));

/** The modules that only plans need, bundled into `plan/plan.bundle.js` (the lazily loaded chunk). */
const planOnly = (path: string) => path.startsWith(join(SRC, 'plan') + '/') || path === join(SRC, 'schema', 'plans.ts') || path.endsWith('.json');

/** The output path (as an import specifier from `fromDir`) of a source module imported as `specifier`. */
function outputSpecifier(fromDir: string, resolveDir: string, specifier: string): string {
  const path = relative(fromDir, resolve(resolveDir, specifier));
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The browser build keeps one output file per source module (JSON data inlined into the module
 * that imports it), so that an integrator's bundler leaves out, module by module, what a page
 * does not use (`sideEffects: false`): a screening page gets no json-rules-engine, no review
 * and, until a result is weak-lax, no measures catalogue. `reference.ts` and `plan/load.ts`
 * are replaced by their `.browser.ts` siblings; the plan module that `load.browser.ts` imports
 * on first need is `plan/plan.bundle.js`, a bundle of the plan-only modules that imports the
 * rest from the per-module files, so that no bundler can pull it into the first chunk.
 */
const browserModules: Plugin = {
  name: 'browser-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined;
      if (args.kind === 'dynamic-import' && resolve(args.resolveDir, args.path) === join(SRC, 'plan', 'plan.js')) {
        return { path: './plan.bundle.js', external: true };
      }
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /\.ts$/ }, (args) =>
      BROWSER_REPLACED.includes(args.path)
        ? { contents: readFileSync(args.path.replace(/\.ts$/, '.browser.ts'), 'utf8'), loader: 'ts', resolveDir: dirname(args.path) }
        : undefined,
    );
  },
};

/** The plan chunk: the plan-only modules inlined, every other module imported from its own file. */
const planBundle: Plugin = {
  name: 'plan-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const path = resolve(args.resolveDir, args.path.endsWith('.js') ? args.path.replace(/\.js$/, '.ts') : args.path);
      if (planOnly(path)) return { path };
      return { path: outputSpecifier(join(SRC, 'plan'), args.resolveDir, args.path), external: true };
    });
  },
};

/** What both builds into dist/browser/ share: ES modules for a browser, one file per entry. */
const BROWSER_OUTPUT = {
  outDir: 'dist/browser',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  splitting: false,
  sourcemap: true,
} satisfies Options;

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
  // The browser build (the `browser` export condition): see browserModules above.
  { ...BROWSER_OUTPUT, entry: coreModules(), esbuildPlugins: [browserModules] },
  { ...BROWSER_OUTPUT, entry: { 'plan/plan.bundle': 'src/plan/plan.ts' }, esbuildPlugins: [planBundle] },
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
