// Browser check: bundles examples/browser/main.js for the browser as an integrator's bundler
// would (esbuild --bundle --platform=browser --format=esm --minify, resolving
// 'weak-lax-screener' through package.json "exports" to the core entry in dist/), then fails on
//  - any Node built-in reached by the bundle (esbuild fails to resolve `fs`; anything left
//    external or named `node:` is caught here too),
//  - any zod locale other than en and zh-CN (one `import { z } from 'zod'` pulls in all 64),
//  - a gzipped size over the ceiling (a regression guard; the target is 60 KB),
//  - a bundle that does not screen: it is run, and must print both verdicts.
// It prints the gzipped size and what the bytes are (esbuild's analysis of the metafile).
// Needs a build (dist/): `npm run check:browser` builds first.
import { build, analyzeMetafile } from 'esbuild';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

// A guard against large regressions (all of zod's locales are about +60 KB); the locale check below is exact.
const CEILING_GZIP_BYTES = 120 * 1024;
const root = new URL('..', import.meta.url);
const failures = [];

const result = await build({
  absWorkingDir: root.pathname,
  entryPoints: ['examples/browser/main.js'],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  minify: true,
  metafile: true,
  write: false,
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
for (const [file, input] of Object.entries(result.metafile.inputs)) {
  for (const imported of input.imports) {
    if (imported.external || builtins.has(imported.path) || imported.path.startsWith('node:')) {
      failures.push(`${file} imports ${imported.path} (a Node built-in or an unbundled module)`);
    }
  }
}
// What is in the output (the inputs above include modules read and then left out).
const [output] = Object.values(result.metafile.outputs);
const locales = Object.entries(output.inputs)
  .filter(([, input]) => input.bytesInOutput > 0)
  .map(([file]) => /zod\/v4\/locales\/([^/]+)\.js$/.exec(file)?.[1])
  .filter((name) => name !== undefined && name !== 'index');
const extra = locales.filter((name) => name !== 'en' && name !== 'zh-CN');
if (extra.length > 0) failures.push(`zod locales other than en and zh-CN are in the bundle: ${extra.join(', ')}`);
if (/["'`]node:/.test(Buffer.from(code).toString('utf8'))) failures.push('the bundle names a node: module');
if (gzipped > CEILING_GZIP_BYTES) failures.push(`gzipped size ${gzipped} B is over the ceiling of ${CEILING_GZIP_BYTES} B`);

// The bundle must work, not just build: run it (it prints instead of writing to a page).
const scratch = mkdtempSync(join(tmpdir(), 'browser-check-'));
try {
  writeFileSync(join(scratch, 'main.mjs'), code);
  const printed = execFileSync(process.execPath, [join(scratch, 'main.mjs')], { encoding: 'utf8' });
  if (!/^cn-2017-ten: weak-lax \(C01\)$/m.test(printed) || !/^cn-2019-extended: weak-lax \(C01, C11\)$/m.test(printed)) {
    failures.push(`the bundle printed unexpected verdicts:\n${printed}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(await analyzeMetafile(result.metafile, { color: false }));
console.log(`browser bundle (examples/browser/main.js): ${code.length} B minified, ${gzipped} B gzipped (${(gzipped / 1024).toFixed(1)} KB; target 60 KB)`);
if (failures.length > 0) {
  console.error(`browser check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('browser check ok: no Node built-in, zod locales en and zh-CN only');
