import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture village: an assessment and its hand-checked expected result. */
export interface Fixture {
  file: string;
  title: string;
  notes: string;
  ruleset?: string;
  assessment: Record<string, unknown> & { org: { id: string; name: string; kind: 'village' | 'community' }; assessedOn: string };
  options?: Record<string, unknown>;
  expected: {
    verdict: string;
    score: number;
    matched: string[];
    near: string[];
    insufficient: string[];
    missing?: Record<string, string[]>;
  };
}

const root = join(import.meta.dirname, '..', '..', 'fixtures');

/** Reads every fixture of a folder under fixtures/ (default: villages), in file order. */
export function readFixtures(folder = 'villages'): Fixture[] {
  const dir = join(root, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: name, ...JSON.parse(readFileSync(join(dir, name), 'utf8')) }) as Fixture);
}

/** One fixture by file-name prefix, e.g. `fixture('01-')`. */
export function fixture(prefix: string, folder = 'villages'): Fixture {
  const found = readFixtures(folder).find((f) => f.file.startsWith(prefix));
  if (!found) throw new Error(`no fixture ${prefix} in ${folder}`);
  return found;
}

/** A deep copy of a fixture's assessment, to vary in a test. */
export function assessmentOf(prefix: string): Fixture['assessment'] {
  return structuredClone(fixture(prefix).assessment);
}
