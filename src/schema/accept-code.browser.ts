/**
 * The browser build's stand-in for `accept-code.ts`: no generated acceptor. A page screens a
 * few records, not a province; many pages forbid code made from strings (a Content Security
 * Policy without `unsafe-eval`); and the interpreted acceptor in `accept.ts` accepts the same
 * records. tsup.config.ts puts this module in place of `accept-code.ts` in `dist/browser/`.
 *
 * @module
 */
import type { Assessment, CrossFieldRule } from './assessment.js';
import type { ExtraFactType } from '../ruleset.js';

/** An acceptor: the parsed assessment when `input` is plainly valid, else `undefined` (then zod decides). */
export type Acceptor = (input: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>) => Assessment | undefined;

/** What the generated code would call. */
export interface AcceptorHelpers {
  readonly isPlain: (value: unknown) => boolean;
  readonly isInputDate: (text: string) => boolean;
  readonly copyExtra: (value: unknown, extraFacts: Readonly<Record<string, ExtraFactType>>) => Record<string, unknown> | undefined;
  readonly rules: readonly CrossFieldRule[];
}

/** No generated acceptor in the browser build: `accept.ts` uses the interpreted one. */
export function generateAcceptor(_helpers: AcceptorHelpers): Acceptor | undefined {
  return undefined;
}
