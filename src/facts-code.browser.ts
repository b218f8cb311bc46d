/**
 * The browser build's stand-in for `facts-code.ts`: no generated fact reader. A page screens a
 * few records, not a province, and many pages forbid code made from strings; `facts.ts` reads
 * with its interpreted reader, which reads the same values. tsup.config.ts puts this module in
 * place of `facts-code.ts` in `dist/browser/`.
 *
 * @module
 */
import type { GeneratedReader, GroupReads } from './facts-code.js';

/** No generated reader in the browser build: `facts.ts` uses the interpreted one. */
export function generateVectorReader(_plan: readonly GroupReads[], _length: number): GeneratedReader | undefined {
  return undefined;
}
