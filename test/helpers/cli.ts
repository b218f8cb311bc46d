/**
 * The command line run in-process, as the CLI test files share it: `main()` with standard
 * output and standard error captured, standard input replaced when given; and a scratch
 * folder for the files a test writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, vi } from 'vitest';
import { main } from '../../src/cli/index.js';

/** What `main` printed and returned. */
export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `main(argv, tuning)` with its output captured. `stdin` is standard input: one string or
 * buffer, or the chunks it arrives in.
 */
export async function runMain(argv: string[], stdin?: string | Uint8Array | Array<string | Uint8Array>, tuning?: Parameters<typeof main>[1]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  if (stdin !== undefined) vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(Array.isArray(stdin) ? stdin : [stdin]) as never);
  try {
    return { code: await main(argv, tuning), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** A scratch folder, removed after the test file; `file` writes one file into it and returns its path. */
export function scratch(prefix: string): { dir: string; file: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
