// Browser check: bundles the example page (examples/browser/main.js) as an integrator's bundler
// would (esbuild --bundle --platform=browser --minify, resolving 'weak-lax-screener' through
// package.json "exports" with the `browser` condition to dist/browser/), then fails on
//  - any Node built-in reached by the bundle (esbuild fails to resolve `fs`; anything left
//    external or named `node:` is caught here too),
//  - any zod locale but English (our own error map renders every message in both languages;
//    zod's classic API registers its English locale itself, so that one stays),
//  - json-rules-engine in the bundle (the browser build screens with the compiled evaluator),
//  - screening with the built-in rulesets (scripts/browser-screen-entry.mjs) whose first
//    download is over 60 KB gzipped (ES modules with code splitting, as Vite or esbuild
//    --splitting make it; the plan module, fetched when the first weak-lax result needs its
//    plan, is measured apart), or the example page's first download (the library plus the
//    page's own form code) over 64 KB,
//  - a bundle that does not screen: a small script bundled the same way is run, and must
//    print both verdicts and attach a plan to a weak-lax result.
// It prints the sizes and what the bytes are (esbuild's analysis of the metafile), and the size
// of the example page's own single-script build (scripts/build-example.mjs).
// Needs a build (dist/): `npm run check:browser` builds first.
import { analyzeMetafile, build } from 'esbuild';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BROWSER, PAGE_SCRIPT, buildPage, bundleSplit, root } from './build-example.mjs';

/** The target of issue 12: what screening with the built-in rulesets downloads first. */
const TARGET_GZIP_BYTES = 60 * 1024;
/** The example page downloads the library and its own form code: a guard against growth. */
const PAGE_GZIP_BYTES = 64 * 1024;
const failures = [];
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function checkInputs(metafile, label) {
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external || builtins.has(imported.path) || imported.path.startsWith('node:')) {
        failures.push(`${label}: ${file} imports ${imported.path} (a Node built-in or an unbundled module)`);
      }
    }
  }
  // What is in the output (the inputs above include modules read and then left out).
  const used = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file));
  const locales = [...new Set(used.map((file) => /zod\/v4\/locales\/([^/]+)\.js$/.exec(file)?.[1]).filter((name) => name !== undefined && name !== 'index'))];
  const extra = locales.filter((name) => name !== 'en');
  if (extra.length > 0) failures.push(`${label}: zod locales other than en are in the bundle: ${extra.join(', ')}`);
  if (used.some((file) => file.includes('node_modules/json-rules-engine/'))) failures.push(`${label}: json-rules-engine is in the bundle`);
}

// 1. ES modules, code splitting, as a hosted page gets them. The first download is the entry
// and what it imports statically; chunks reached only by import() come later, when needed.
async function hosted(entryPoint, label) {
  const split = await bundleSplit([entryPoint]);
  checkInputs(split.metafile, label);
  const outputs = split.metafile.outputs;
  const files = new Map(split.outputFiles.map((file) => [`split/${basename(file.path)}`, file.contents]));
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint);
  const first = new Set();
  const visit = (name) => {
    if (first.has(name)) return;
    first.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const later = Object.keys(outputs).filter((name) => name.endsWith('.js') && !first.has(name));
  const sizeOf = (names) => names.reduce((sum, name) => sum + gz(files.get(name)), 0);
  for (const code of files.values()) {
    if (/["'`]node:/.test(Buffer.from(code).toString('utf8'))) failures.push(`${label}: the bundle names a node: module`);
  }
  return { split, files, first, later, firstBytes: sizeOf([...first]), laterBytes: sizeOf(later) };
}
const library = await hosted('scripts/browser-screen-entry.mjs', 'screening bundle');
if (library.firstBytes > TARGET_GZIP_BYTES) failures.push(`screening with the built-in rulesets downloads ${library.firstBytes} B gzipped first, over the target of ${TARGET_GZIP_BYTES} B`);
const { split, files, first, later, firstBytes, laterBytes } = await hosted(PAGE_SCRIPT, 'page bundle (split)');
if (firstBytes > PAGE_GZIP_BYTES) failures.push(`the example page downloads ${firstBytes} B gzipped first, over ${PAGE_GZIP_BYTES} B`);

// 2. The example page as it ships: one classic script (no splitting).
const page = await buildPage({ write: false });
checkInputs(page.metafile, 'page bundle');
const pageBytes = gz(page.outputFiles[0].contents);

// 3. It must screen, not just build: a script bundled the same way (one file) is run in Node.
const smoke = await build({
  ...BROWSER,
  stdin: {
    resolveDir: root,
    sourcefile: 'smoke.mjs',
    contents: `
      import { rulesets, screen } from 'weak-lax-screener';
      const assessment = {
        org: { id: '990000000001', name: '示例村党支部', kind: 'village' },
        assessedOn: '2026-03-31',
        leadership: { seatsRequired: 5, seatsFilled: 5, secretaryVacantSince: '2025-10-15', workStalled: false },
        service: { satisfactionRate: 0.66 },
        economy: { collectiveIncome: 30000 },
      };
      for (const ruleset of [rulesets['cn-2017-ten'], rulesets['cn-2019-extended']]) {
        const result = await screen(assessment, { ruleset });
        console.log(ruleset.id + ': ' + result.verdict + ' (' + result.matched.join(', ') + '), ' + result.checklist.length + ' checklist items');
      }`,
  },
  format: 'esm',
  write: false,
});
const scratch = mkdtempSync(join(tmpdir(), 'browser-check-'));
try {
  writeFileSync(join(scratch, 'smoke.mjs'), smoke.outputFiles[0].contents);
  const printed = execFileSync(process.execPath, [join(scratch, 'smoke.mjs')], { encoding: 'utf8' });
  if (!/^cn-2017-ten: weak-lax \(C01\), [1-9]\d* checklist items$/m.test(printed) || !/^cn-2019-extended: weak-lax \(C01, C11\), [1-9]\d* checklist items$/m.test(printed)) {
    failures.push(`the bundle printed unexpected verdicts:\n${printed}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(await analyzeMetafile(split.metafile, { color: false }));
console.log('hosted page (examples/browser/main.js as ES modules with code splitting), gzipped:');
for (const name of first) console.log(`  first download  ${name.padEnd(28)} ${String(gz(files.get(name))).padStart(7)} B`);
for (const name of later) console.log(`  on first need   ${name.padEnd(28)} ${String(gz(files.get(name))).padStart(7)} B`);
console.log(`  first download ${firstBytes} B (${kb(firstBytes)}; guard ${kb(PAGE_GZIP_BYTES)}); the plan chunk ${laterBytes} B (${kb(laterBytes)}), fetched for the first weak-lax result`);
console.log(`screening with the built-in rulesets (scripts/browser-screen-entry.mjs), first download: ${library.firstBytes} B gzipped (${kb(library.firstBytes)}; target ${kb(TARGET_GZIP_BYTES)}); its plan chunk ${library.laterBytes} B`);
console.log(`example page as shipped (build/main.js, one classic script, everything in it): ${pageBytes} B gzipped (${kb(pageBytes)})`);
if (failures.length > 0) {
  console.error(`browser check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('browser check ok: no Node built-in, no json-rules-engine, zod locale en only');
