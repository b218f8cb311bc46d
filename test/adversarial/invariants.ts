/**
 * What every adversarial run must hold (issue 11), as checks that return the problems they
 * find (an empty list when all is well), so that a failing property says what broke:
 * prototypes untouched, input unchanged, typed errors with paths, no control sequence or
 * markup from data in text outputs, no CSV cell a spreadsheet would run.
 */
import { Readable } from 'node:stream';
import { types } from 'node:util';
import { vi } from 'vitest';
import { main } from '../../src/cli/index.js';
import { isAssessmentError, isOptionsError, isRulesetError, type Issue } from '../../src/index.js';

// ---------------------------------------------------------------------------------------------
// Prototypes

/** Built-ins whose own properties no input may change (pollution lands on one of these). */
const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object', Object],
  ['Object.prototype', Object.prototype],
  ['Array', Array],
  ['Array.prototype', Array.prototype],
  ['Function', Function],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Symbol.prototype', Symbol.prototype],
  ['BigInt.prototype', BigInt.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Error.prototype', Error.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['JSON', JSON],
];

type PrototypeState = Map<string, unknown>;

function prototypeState(): PrototypeState {
  const state: PrototypeState = new Map();
  for (const [name, object] of WATCHED) {
    state.set(`${name} [[Prototype]]`, Object.getPrototypeOf(object));
    state.set(`${name} [[Extensible]]`, Object.isExtensible(object));
    for (const key of Reflect.ownKeys(object)) {
      const d = Object.getOwnPropertyDescriptor(object, key)!;
      state.set(`${name}.${String(key)}`, 'value' in d ? d.value : [d.get, d.set]);
    }
  }
  return state;
}

const PRISTINE = prototypeState();

/** Names of built-in properties added, removed or replaced since this module was loaded. */
export function prototypeChanges(): string[] {
  const now = prototypeState();
  const changes: string[] = [];
  for (const [key, value] of now) {
    const before = PRISTINE.get(key);
    const same = Array.isArray(value) && Array.isArray(before) ? value[0] === before[0] && value[1] === before[1] : Object.is(value, before);
    if (!PRISTINE.has(key)) changes.push(`added ${key}`);
    else if (!same) changes.push(`changed ${key}`);
  }
  for (const key of PRISTINE.keys()) if (!now.has(key)) changes.push(`removed ${key}`);
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Deep snapshots of plain inputs

/**
 * Every fact about `value` a screening could change, as a flat list of tokens: for each
 * object (in depth-first order, a repeated one as a reference) its prototype, extensibility
 * and frozenness, its own keys (symbols included) with their attributes and values, and the
 * contents of Maps, Sets, Dates and boxed primitives. Iterative: a 100,000-deep object is fine.
 * For inputs without getters or proxies only (reading those would change them).
 */
export function deepSnapshot(value: unknown): unknown[] {
  const tokens: unknown[] = [];
  const ids = new Map<object, number>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if ((typeof item !== 'object' || item === null) && typeof item !== 'function') {
      tokens.push(typeof item, item);
      continue;
    }
    const object = item as object;
    const known = ids.get(object);
    if (known !== undefined) {
      tokens.push('ref', known);
      continue;
    }
    ids.set(object, ids.size);
    tokens.push('object', Object.getPrototypeOf(object), Object.isExtensible(object), Object.isFrozen(object));
    if (typeof object === 'function') continue; // functions: identity only
    // Internal slots, read by brand (an object may have Date.prototype without being a Date).
    if (types.isDate(object)) tokens.push('date', Date.prototype.getTime.call(object));
    if (types.isNumberObject(object)) tokens.push('boxed', Number.prototype.valueOf.call(object));
    if (types.isStringObject(object)) tokens.push('boxed', String.prototype.valueOf.call(object));
    if (types.isBooleanObject(object)) tokens.push('boxed', Boolean.prototype.valueOf.call(object));
    const entries = types.isMap(object) ? [...Map.prototype.entries.call(object)] : types.isSet(object) ? [...Set.prototype.values.call(object)] : [];
    tokens.push('entries', entries.length);
    for (const entry of entries) stack.push(entry);
    const keys = Reflect.ownKeys(object);
    tokens.push('keys', keys.length);
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(object, key)!;
      if ('value' in d) tokens.push(key, d.enumerable, d.configurable, d.writable);
      else tokens.push(key, d.enumerable, d.configurable, d.get, d.set);
      if ('value' in d) stack.push(d.value);
    }
    if (Array.isArray(object)) {
      // Holes are absent keys; their positions are in the key list already.
      tokens.push('length', object.length);
    }
  }
  return tokens;
}

/** Where two snapshots first differ, or `undefined` when they are equal. */
export function snapshotDifference(before: unknown[], after: unknown[]): string | undefined {
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (!Object.is(before[i], after[i])) return `token ${i}: ${describe(before[i])} became ${describe(after[i])}`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'symbol' || typeof value === 'bigint') return value.toString();
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Typed errors

/** What kind of typed error a call may end in. */
export type TypedError = 'assessment' | 'options' | 'ruleset';

/**
 * Problems with a thrown value: it must be one of the library's typed errors, with issues
 * (each a string path and a non-empty message) or, for a RulesetError, a file and a field.
 * `roots` lists the first path segments that may appear ('' always may).
 */
export function typedErrorProblems(error: unknown, allowed: readonly TypedError[], roots?: ReadonlySet<string>): string[] {
  const kind = isAssessmentError(error) ? 'assessment' : isOptionsError(error) ? 'options' : isRulesetError(error) ? 'ruleset' : undefined;
  if (kind === undefined || !allowed.includes(kind)) {
    return [`not a typed ${allowed.join('/')} error: ${error instanceof Error ? `${error.constructor.name}: ${error.message}\n${error.stack}` : String(error)}`];
  }
  if (kind === 'ruleset') {
    const { file, field } = error as { file: unknown; field: unknown };
    return typeof file === 'string' && file !== '' && typeof field === 'string' ? [] : [`RulesetError without file and field: ${String(error)}`];
  }
  return issueProblems((error as { issues: unknown }).issues, roots);
}

/** Problems with a list of issues: non-empty, each `{ path: string, message: non-empty string }`, paths under `roots`. */
export function issueProblems(issues: unknown, roots?: ReadonlySet<string>): string[] {
  if (!Array.isArray(issues) || issues.length === 0) return [`no issues: ${JSON.stringify(issues)}`];
  const problems: string[] = [];
  for (const issue of issues as Issue[]) {
    if (typeof issue?.path !== 'string' || typeof issue.message !== 'string' || issue.message === '') {
      problems.push(`malformed issue ${JSON.stringify(issue)}`);
    } else if (roots && issue.path !== '' && !roots.has(issue.path.split('.')[0]!)) {
      problems.push(`issue path ${JSON.stringify(issue.path)} names nothing in the input`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Text outputs

/** C0 controls but the line feed, DEL, C1 controls, and the bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Problems of text for a terminal (table, notes on stderr): any control character or escape. */
export function terminalProblems(text: string, what: string): string[] {
  const m = CONTROL.exec(text);
  return m ? [`${what}: control character U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 30))}`] : [];
}

/** A backslash escape as markdownText writes it (what follows it renders as itself). */
const ESCAPED = /\\[\\`*_[\]<>|#.:]/g;
/** Characters that, unescaped, make a link, image, tag, code span, emphasis or cell break. */
const MARKUP = /[<>[\]`*_|]/;
/** What a Mermaid label must not hold: separators, comments, entities, quotes, shapes, markup. */
const MERMAID_SPECIAL = /[:;#%"'`<>{}[\]|&\\]/;

/** Mermaid lines the library writes, with the label (data) each may hold. */
const MERMAID_LINES: ReadonlyArray<[RegExp, number?]> = [
  [/^(gantt|xychart-beta)$/],
  [/^ {4}dateFormat YYYY-MM-DD$/],
  [/^ {4}inclusiveEndDates$/],
  [/^ {4}title (.+)$/, 1],
  [/^ {4}section (.+)$/, 1],
  [/^ {4}(.+) :(\w+), \d{4}-\d{2}-\d{2}, \d{4}-\d{2}-\d{2}$/, 1],
  [/^ {4}y-axis "[^"\n]*" 0 --> \d+$/],
  [/^ {4}bar \[(\d+(, \d+)*)?\]$/],
];

function mermaidLineProblems(line: string): string[] {
  // The chart title is the library's own quoted text; the x axis lists criterion ids.
  if (/^ {4}title "[^"\n]*"$/.test(line) && !line.includes('`')) return [];
  const axis = /^ {4}x-axis \[(.*)\]$/.exec(line);
  if (axis) return axis[1] !== '' && axis[1]!.split(', ').some((label) => label === '' || /[,]/.test(label) || MERMAID_SPECIAL.test(label)) ? [`mermaid axis ${JSON.stringify(line)}`] : [];
  for (const [pattern, group] of MERMAID_LINES) {
    const m = pattern.exec(line);
    if (!m) continue;
    if (group !== undefined && MERMAID_SPECIAL.test(m[group]!)) return [`mermaid label with syntax: ${JSON.stringify(line)}`];
    return [];
  }
  return [`mermaid line the library does not write: ${JSON.stringify(line)}`];
}

/**
 * Problems of a Markdown document whose data went through the library's escaping: any
 * control character; a table row with more or fewer cells than its header (an unescaped `|`);
 * anything left after removing escapes and the document's own structure (headings, quotes,
 * bullets, rules, bold lines, tables) that opens a link, image, tag, code span or emphasis;
 * an unescaped `://` or `www.` (autolinks); in a Mermaid block, a line the library does not
 * write or a label with Mermaid syntax.
 */
export function markdownProblems(md: string, what: string): string[] {
  const problems = terminalProblems(md, what);
  let fence = false;
  let cells: number | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) {
      fence = line === '```mermaid' ? true : line === '```' && fence ? false : (problems.push(`${what}: stray fence ${JSON.stringify(line)}`), fence);
      continue;
    }
    if (fence) {
      problems.push(...mermaidLineProblems(line).map((p) => `${what}: ${p}`));
      continue;
    }
    let text = line.replace(ESCAPED, '');
    if (text.startsWith('|')) {
      const n = text.split('|').length - 2;
      if (cells === undefined) cells = n;
      else if (n !== cells) problems.push(`${what}: table row with ${n} cells, header has ${cells}: ${JSON.stringify(line)}`);
      text = text.replaceAll('|', ' ');
    } else {
      cells = undefined;
    }
    text = text.replace(/^#{1,6} /, '').replace(/^> /, '').replace(/^- /, '').replace(/^---$/, '').replace(/^\*\*(.*)\*\*$/, '$1');
    if (MARKUP.test(text)) problems.push(`${what}: unescaped markup in ${JSON.stringify(line)}`);
    if (/:\/\//.test(text) || /www\./i.test(text)) problems.push(`${what}: bare address in ${JSON.stringify(line)}`);
    if (/^\s*#{1,6}(\s|$)/.test(text)) problems.push(`${what}: data starts a heading: ${JSON.stringify(line)}`);
  }
  if (fence) problems.push(`${what}: unclosed Mermaid block`);
  return problems;
}

/** Text cells a spreadsheet would run as a formula (or that hide a leading control). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Problems of CSV output (parsed with an independent RFC 4180 reader): a cell a spreadsheet would evaluate, a ragged row. */
export function csvProblems(rows: string[][], what: string): string[] {
  const problems: string[] = [];
  const width = rows[0]?.length;
  rows.forEach((row, i) => {
    if (row.length !== width) problems.push(`${what}: row ${i + 1} has ${row.length} cells, the header ${width}`);
    for (const cell of row) if (FORMULA_START.test(cell)) problems.push(`${what}: row ${i + 1} has a cell a spreadsheet would run: ${JSON.stringify(cell)}`);
  });
  return problems;
}

/** A CSV text cell as the library must write it (contract, "Spreadsheets"): a leading `'` before a formula start. */
export function csvTextCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// ---------------------------------------------------------------------------------------------
// The command line, in-process

/** A stack trace, or the bin's report of a bug: never for bad input. */
export const STACK = /internal error|^\s+at .+:\d+:\d+\)?$/m;

/** What a run of the command line printed. */
export interface CliRun {
  code: number | 'threw';
  stdout: string;
  stderr: string;
  thrown?: unknown;
}

/**
 * Runs `main(argv)` with standard output and error captured (and standard input replaced
 * when given). A rejection of `main` is what the bin prints as an internal error: recorded as
 * `code: 'threw'` rather than thrown, so the property reports it as a misbehaviour.
 */
export async function runCli(argv: string[], stdin?: Uint8Array): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const input = stdin === undefined ? undefined : vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([stdin]) as never);
  try {
    return { code: await main(argv), stdout, stderr };
  } catch (thrown) {
    return { code: 'threw', stdout, stderr, thrown };
  } finally {
    out.mockRestore();
    err.mockRestore();
    input?.mockRestore();
  }
}

/**
 * Problems of any run: it must end with 0, 1 or 2, never print a stack or a control
 * character, and a usage error (2) is one message on stderr, naming the program once.
 */
export function cliProblems(run: CliRun, what: string): string[] {
  if (run.code === 'threw') {
    const e = run.thrown;
    return [`${what}: main() rejected (an internal error): ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`];
  }
  const problems: string[] = [];
  if (![0, 1, 2].includes(run.code)) problems.push(`${what}: exit code ${run.code}`);
  if (STACK.test(run.stderr)) problems.push(`${what}: stack trace on stderr: ${run.stderr.slice(0, 400)}`);
  problems.push(...terminalProblems(run.stderr, `${what} stderr`));
  // A usage error is one message, given once (bad options list their issues on the lines after it).
  if (run.code === 2 && (!run.stderr.startsWith('weak-lax-screener: ') || run.stderr.split('weak-lax-screener: ').length !== 2)) {
    problems.push(`${what}: exit 2 without exactly one message: ${JSON.stringify(run.stderr.slice(0, 400))}`);
  }
  return problems;
}
