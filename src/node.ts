/**
 * The Node entry of weak-lax-screener: everything the core entry exports, with a
 * `loadRuleset` that also reads a ruleset folder from disk. Node picks it for
 * `import … from 'weak-lax-screener'` (the `node` export condition) and for
 * `'weak-lax-screener/node'`; bundlers for the browser pick the core entry, which uses no
 * Node built-in. The types are the same in both.
 *
 * @packageDocumentation
 */
// The public surface is listed once, in index.ts; this entry only replaces loadRuleset (an
// explicit export takes precedence over the same name from `export *`).
export * from './index.js';
export { loadRuleset } from './load-folder.js';
