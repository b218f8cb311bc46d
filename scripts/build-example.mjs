// Builds the browser example page (examples/browser/): bundles main.js into build/main.js,
// one classic script, so that index.html works when opened from a folder (file://, where
// browsers refuse module scripts) as well as from any static web server. Nothing is sent
// anywhere: the page has no server and makes no request.
//
// `weak-lax-screener` resolves through package.json "exports" with the `browser` condition to
// dist/browser/ (the browser build: the compiled evaluator, no json-rules-engine), so build
// the package first: `npm run example:browser` does both.
//
// Also used by scripts/check-browser.mjs, which bundles the same page as an integrator's
// bundler would for a hosted page (ES modules, code splitting) and measures it.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('..', import.meta.url));
/** The page's script, as committed. */
export const PAGE_SCRIPT = 'examples/browser/main.js';
/** Where the page's bundle goes (ignored by git). */
export const PAGE_BUNDLE = 'examples/browser/build/main.js';

/** Options shared by every bundle of the page: for a browser, minified. */
export const BROWSER = { absWorkingDir: root, bundle: true, platform: 'browser', minify: true, target: 'es2022', logLevel: 'error', metafile: true };

/** The page as one classic script (IIFE); `write: false` returns it without writing. */
export async function buildPage({ write = true } = {}) {
  const result = await build({ ...BROWSER, entryPoints: [PAGE_SCRIPT], format: 'iife', write: false, outfile: PAGE_BUNDLE });
  if (write) {
    mkdirSync(new URL('../examples/browser/build/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`../${PAGE_BUNDLE}`, import.meta.url), result.outputFiles[0].contents);
  }
  return result;
}

/**
 * The page as an integrator's bundler makes it for a hosted page (Vite and esbuild alike):
 * ES modules with code splitting, so that what is imported on first need (the plan module)
 * is a chunk of its own. Not written.
 */
export function bundleSplit(entryPoints = [PAGE_SCRIPT]) {
  return build({ ...BROWSER, entryPoints, format: 'esm', splitting: true, outdir: 'split', write: false });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await buildPage();
  console.log(`built ${PAGE_BUNDLE} (${result.outputFiles[0].contents.length} B): open examples/browser/index.html`);
}
