/**
 * The browser build's stand-in for `accept-code.ts`: no generated acceptor. A page screens a
 * few records, not a province; many pages forbid code made from strings (a Content Security
 * Policy without `unsafe-eval`); and the interpreted acceptor in `accept.ts` accepts the same
 * records. tsup.config.ts puts this module in place of `accept-code.ts` in `dist/browser/`.
 *
 * @module
 */
import type { Acceptor, AcceptorHelpers } from './accept-code.js';

export type { Acceptor, AcceptorHelpers };

/** No generated acceptor in the browser build: `accept.ts` uses the interpreted one. */
export function generateAcceptor(_helpers: AcceptorHelpers): Acceptor | undefined {
  return undefined;
}
