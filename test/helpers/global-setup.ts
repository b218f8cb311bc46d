/**
 * Tests that read `dist/` (the CLI spawned as a process, the JSON Schema file) must never read
 * a stale build: before any test runs, `dist/` is rebuilt when a source it is built from is
 * newer than it (or it is missing). `npm test` on a fresh clone therefore builds once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const SOURCES = ['src', 'rules', 'scripts/write-schema.mjs', 'tsup.config.ts', 'package.json'];
const OUTPUTS = ['dist/index.js', 'dist/index.cjs', 'dist/cli.js', 'dist/assessment.schema.json', 'dist/browser/index.js'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function setup(): void {
  const built = OUTPUTS.map((p) => join(root, p));
  const oldestOutput = built.every(existsSync) ? Math.min(...built.map((p) => statSync(p).mtimeMs)) : 0;
  const newestSource = Math.max(...SOURCES.map((p) => newest(join(root, p))));
  if (oldestOutput >= newestSource) return;
  process.stderr.write('dist/ is older than its sources: building it before the tests (npm run build)\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
