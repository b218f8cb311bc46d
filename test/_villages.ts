/** Reads the hand-checked fixture villages (fixtures/villages/*.json); shared by the plan tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Village {
  file: string;
  title: string;
  options?: Record<string, unknown>;
  assessment: { org: { id: string; kind: 'village' | 'community' }; assessedOn: string } & Record<string, unknown>;
  expected: { verdict: string; matched: string[] };
}

const dir = fileURLToPath(new URL('../fixtures/villages/', import.meta.url));

export const villages: Village[] = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ file: name, ...(JSON.parse(readFileSync(join(dir, name), 'utf8')) as Omit<Village, 'file'>) }));

/** The fixture whose file name starts with `prefix` (e.g. `'42-'`). */
export function village(prefix: string): Village {
  const found = villages.find((v) => v.file.startsWith(prefix));
  if (!found) throw new Error(`no fixture ${prefix}`);
  return found;
}
