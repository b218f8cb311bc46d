#!/usr/bin/env bash
# Packaging checks: what a consumer of the published tarball gets.
#  - publint --strict and attw --pack (no "Masquerading as ESM": .d.cts ships beside .d.ts);
#  - the tarball carries dist, rules, README, LICENSE and CHANGELOG.md only;
#  - a scratch project installs the tarball and uses it as ESM, as CommonJS, as CommonJS on
#    `node --no-experimental-require-module`, and type-checks a TypeScript consumer.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

npx publint --strict
npx attw --pack . --profile node16

# Files in the tarball: anything outside the allowed set fails.
files=$(npm pack --dry-run --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const f of JSON.parse(s)[0].files)console.log(f.path)})')
unexpected=$(echo "$files" | grep -vE '^(dist/|rules/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)' || true)
if [ -n "$unexpected" ]; then echo "unexpected files in the tarball:"; echo "$unexpected"; exit 1; fi
for required in dist/index.js dist/index.cjs dist/index.d.ts dist/index.d.cts README.md LICENSE CHANGELOG.md rules/cn-2017-ten/ruleset.json; do
  echo "$files" | grep -qx "$required" || { echo "missing from the tarball: $required"; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
cd "$scratch"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --prefer-offline "./$tarball" >/dev/null

cat > consumer.mjs <<'JS'
import { screen, isAssessmentError, rulesets } from 'weak-lax-screener';
const result = await screen({ org: { id: '1', name: '共同村', kind: 'village' }, assessedOn: '2017-02-15', venue: { hasFixedVenue: false } });
if (result.verdict !== 'weak-lax' || result.matched.join() !== 'C10') throw new Error('ESM: wrong result ' + JSON.stringify(result.matched));
const error = await screen({ org: {} }).catch((e) => e);
if (!isAssessmentError(error)) throw new Error('ESM: no AssessmentError');
if (rulesets['cn-2017-ten'].criteria.length !== 10) throw new Error('ESM: ruleset');
console.log('ESM consumer ok');
JS
cat > consumer.cjs <<'JS'
const { screen, isAssessmentError } = require('weak-lax-screener');
screen({ org: { id: '1', name: '共同村', kind: 'village' }, assessedOn: '2017-02-15', venue: { hasFixedVenue: false } })
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
cat > consumer.ts <<'TS'
import { screen, type ScreeningResult, type Assessment } from 'weak-lax-screener';
const assessment: Assessment = { org: { id: '1', name: '共同村', kind: 'village' }, assessedOn: '2017-02-15' };
export const result: Promise<ScreeningResult> = screen(assessment, { thresholds: { C01: { secretaryVacantMonths: 6 } } });
TS
cat > consumer.cts <<'TS'
import lib = require('weak-lax-screener');
export const outcome: lib.Outcome = 'matched';
export const pending: Promise<lib.ScreeningResult> = lib.screen({});
TS
node consumer.mjs
node consumer.cjs
node --no-experimental-require-module consumer.cjs
for mode in node16 bundler; do
  if [ "$mode" = bundler ]; then module=esnext; else module=node16; fi
  "$root/node_modules/.bin/tsc" --noEmit --strict --skipLibCheck --module "$module" --moduleResolution "$mode" --types node \
    --typeRoots "$root/node_modules/@types" consumer.ts $([ "$mode" = node16 ] && echo consumer.cts)
  echo "TypeScript consumer ok ($mode)"
done
