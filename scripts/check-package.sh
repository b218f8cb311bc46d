#!/usr/bin/env bash
# Packaging checks: what a consumer of the published tarball gets, packed as `npm publish`
# would pack it from a fresh clone (no dist/ yet: the prepack script must build it).
#  - git clone of HEAD into a scratch folder, `npm ci`, `npm pack` (no build before);
#  - publint --strict and attw (node16 profile) on that tarball;
#  - the tarball carries dist, rules, README, LICENSE and CHANGELOG.md only, dist in full;
#  - a scratch project installs the tarball and uses it as ESM, as CommonJS, as CommonJS on
#    `node --no-experimental-require-module`, type-checks TypeScript consumers (node16 and
#    bundler), loads a ruleset folder through the `node` condition and `weak-lax-screener/node`,
#    and gets the core entry (no folder reading) under the browser conditions.
# Commit first: uncommitted changes are not in the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git clone --quiet --no-hardlinks "$root" "$scratch/clone"
cd "$scratch/clone"
if [ -e dist ]; then echo "the clone has a dist/ folder: it must come from prepack"; exit 1; fi
npm ci --silent --no-audit --no-fund --prefer-offline >/dev/null
# prepack builds; its output goes to stderr so that stdout is the tarball's name only.
tarball=$(npm pack --silent --pack-destination "$scratch" 2>/dev/null | tail -n 1)
tgz="$scratch/$tarball"
[ -f "$tgz" ] || { echo "npm pack made no tarball"; exit 1; }
echo "packed $tarball from a fresh clone ($(wc -c <"$tgz") bytes)"

npx publint run "$tgz" --strict
npx attw "$tgz" --profile node16

# Files in the tarball: anything outside the allowed set fails; dist must be complete.
files=$(tar -tzf "$tgz" | sed 's#^package/##')
unexpected=$(echo "$files" | grep -vE '^(dist/|rules/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)' || true)
if [ -n "$unexpected" ]; then echo "unexpected files in the tarball:"; echo "$unexpected"; exit 1; fi
for required in dist/index.js dist/index.cjs dist/index.d.ts dist/index.d.cts dist/node.js dist/node.cjs dist/node.d.ts \
  dist/node.d.cts dist/cli.js dist/assessment.schema.json README.md LICENSE CHANGELOG.md rules/cn-2017-ten/ruleset.json; do
  echo "$files" | grep -qx "$required" || { echo "missing from the tarball: $required"; exit 1; }
done
# Every module that a shipped .js imports relatively is shipped too (chunks included).
tar -xzf "$tgz" -C "$scratch"
node - "$scratch/package/dist" <<'JS'
const { readFileSync, existsSync, readdirSync } = require('node:fs');
const { join, dirname } = require('node:path');
const dist = process.argv[2];
for (const file of readdirSync(dist).filter((f) => /\.(c?js)$/.test(f))) {
  // Block comments left out: bundled dependencies carry JSDoc such as {import('./get')}.
  const text = readFileSync(join(dist, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, spec] of text.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["'](\.[^"']+)["']/g)) {
    if (!existsSync(join(dirname(join(dist, file)), spec))) { console.error(`${file} imports ${spec}, which is not in the tarball`); process.exit(1); }
  }
}
// The core entry and what it imports name no Node built-in.
const core = ['index.js', ...readFileSync(join(dist, 'index.js'), 'utf8').match(/chunk-[A-Z0-9]+\.js/g) ?? []];
for (const file of new Set(core)) {
  const text = readFileSync(join(dist, file), 'utf8');
  const hit = /(?:from\s*|import\s*\(\s*|require\(\s*)["'](node:[^"']+|fs|path|url|module|os|child_process|worker_threads)["']/.exec(text);
  if (hit) { console.error(`dist/${file} imports the Node built-in ${hit[1]}`); process.exit(1); }
}
console.log('dist is complete; the core entry imports no Node built-in');
JS

cd "$scratch"
mkdir consumer && cd consumer
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --prefer-offline "$tgz" >/dev/null
cp -r "$root/examples/profiles/example-province" ./province

cat > consumer.mjs <<'JS'
import { screen, isAssessmentError, isRulesetError, loadRuleset, rulesets } from 'weak-lax-screener';
import * as viaNode from 'weak-lax-screener/node';
const result = await screen({ org: { id: '1', name: '青石村党支部', kind: 'village' }, assessedOn: '2017-02-15', venue: { hasFixedVenue: false } });
if (result.verdict !== 'weak-lax' || result.matched.join() !== 'C10') throw new Error('ESM: wrong result ' + JSON.stringify(result.matched));
const error = await screen({ org: {} }).catch((e) => e);
if (!isAssessmentError(error)) throw new Error('ESM: no AssessmentError');
if (rulesets['cn-2017-ten'].criteria.length !== 10) throw new Error('ESM: ruleset');
// In Node, 'weak-lax-screener' is the Node entry (the `node` condition): folders load.
for (const load of [loadRuleset, viaNode.loadRuleset]) {
  if (load('./province').id !== 'example-province') throw new Error('ESM: loadRuleset(dir)');
}
if (viaNode.screen !== screen) throw new Error('ESM: the two specifiers should be one module');
const bad = (() => { try { loadRuleset('./nowhere'); } catch (e) { return e; } })();
if (!isRulesetError(bad)) throw new Error('ESM: no RulesetError for a missing folder');
console.log('ESM consumer ok');
JS
cat > consumer.cjs <<'JS'
const { screen, isAssessmentError, loadRuleset } = require('weak-lax-screener');
const viaNode = require('weak-lax-screener/node');
if (loadRuleset('./province').id !== 'example-province' || viaNode.loadRuleset('./province').id !== 'example-province') {
  throw new Error('CJS: loadRuleset(dir)');
}
screen({ org: { id: '1', name: '青石村党支部', kind: 'village' }, assessedOn: '2017-02-15', venue: { hasFixedVenue: false } })
  .then((result) => {
    if (result.verdict !== 'weak-lax') throw new Error('CJS: wrong verdict');
    return screen({ org: {} }).catch((e) => e);
  })
  .then((error) => {
    if (!isAssessmentError(error)) throw new Error('CJS: no AssessmentError');
    console.log('CJS consumer ok');
  })
  .catch((error) => { console.error(error); process.exit(1); });
JS
# What a browser bundler resolves: the core entry, whose loadRuleset takes objects only.
cat > browser.mjs <<'JS'
import { loadRuleset, isRulesetError, rulesets } from 'weak-lax-screener';
const error = (() => { try { loadRuleset('./province'); } catch (e) { return e; } })();
if (!isRulesetError(error) || !/needs Node/.test(error.message)) throw new Error('browser entry: a folder path should need Node');
if (rulesets['cn-2019-extended'].criteria.length !== 12) throw new Error('browser entry: rulesets');
console.log('browser-condition consumer ok (core entry)');
JS
cat > consumer.ts <<'TS'
import { screen, loadRuleset, type ScreeningResult, type Assessment, type Ruleset } from 'weak-lax-screener';
import { loadRuleset as loadFromNode } from 'weak-lax-screener/node';
const assessment: Assessment = { org: { id: '1', name: '青石村党支部', kind: 'village' }, assessedOn: '2017-02-15' };
export const result: Promise<ScreeningResult> = screen(assessment, { thresholds: { C01: { secretaryVacantMonths: 6 } } });
export const same: Ruleset = loadFromNode('./province');
export const load: typeof loadFromNode = loadRuleset;
TS
cat > consumer.cts <<'TS'
import lib = require('weak-lax-screener');
import node = require('weak-lax-screener/node');
export const outcome: lib.Outcome = 'matched';
export const pending: Promise<lib.ScreeningResult> = lib.screen({});
export const ruleset: lib.Ruleset = node.loadRuleset('./province');
TS
node consumer.mjs
node consumer.cjs
node --no-experimental-require-module consumer.cjs
"$root/node_modules/.bin/esbuild" browser.mjs --bundle --platform=browser --format=esm --outfile=browser.bundle.mjs --log-level=error
node browser.bundle.mjs
for mode in node16 bundler; do
  if [ "$mode" = bundler ]; then module=esnext; else module=node16; fi
  "$root/node_modules/.bin/tsc" --noEmit --strict --skipLibCheck --module "$module" --moduleResolution "$mode" --types node \
    --typeRoots "$root/node_modules/@types" consumer.ts $([ "$mode" = node16 ] && echo consumer.cts)
  echo "TypeScript consumer ok ($mode)"
done
