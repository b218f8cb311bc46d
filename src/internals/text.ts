/**
 * Making data safe to print. Names, ids, regions and messages come from clerks' files and
 * provinces' rule files; printed raw, a newline breaks a table row, an escape sequence
 * drives the terminal, `[x](javascript:…)` becomes a link and `<script>` a tag. Each output
 * context has one function here; JSON output needs none (JSON escaping suffices).
 *
 * @module
 */

/**
 * Line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029) and tabs: each becomes one space, so a
 * value stays on its line and in its column.
 */
const BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * Every other C0 control (ESC among them), DEL, the C1 controls (CSI, OSC among them) and
 * the bidirectional overrides and isolates that reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal (and for any plain-text line): line breaks and tabs become a space,
 * and no control character is left (so no ANSI or OSC escape sequence can reach the
 * terminal: without its ESC or CSI byte it is inert text).
 *
 * @example
 * ```ts
 * terminalText('甲村\n\u001b[31m红'); // '甲村 [31m红'
 * ```
 */
export function terminalText(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, '');
}

/** Characters that Markdown (CommonMark and GitHub's tables) gives a meaning. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|#]/g;

/**
 * Text for Markdown, inline or in a table cell: {@link terminalText} first, then every
 * character that could open a link or image (`[`), a tag or autolink (`<`), code (`` ` ``),
 * emphasis (`*`, `_`), a heading (`#`) or end a table cell (`|`) is backslash-escaped, as is
 * the backslash itself; `://` and `www.` are escaped so that a bare address does not become
 * a link either. What renders is the text as it was given.
 *
 * @example
 * ```ts
 * markdownText('[点此](javascript:alert(1)) | <script>'); // '\\[点此\\](javascript:alert(1)) \\| \\<script\\>'
 * ```
 */
export function markdownText(text: string): string {
  return terminalText(text)
    .replace(MARKDOWN_SPECIAL, '\\$&')
    .replace(/:\/\//g, '\\://')
    // Every "www." (GitHub links one after "_", "*", "~" or "(", not only after a word break).
    .replace(/(www)\./gi, '$1\\.');
}

/** Characters with a meaning in a Mermaid line: separators, comments, entities, quotes, shapes, markup. */
const MERMAID_SPECIAL = /[:;#%"'`<>{}[\]|&\\]/g;

/**
 * Text for a Mermaid label (a gantt task name, a chart title or axis label): line breaks
 * and every character with a meaning in Mermaid's syntax become spaces, runs of spaces one
 * space, so a label can neither end its line nor start a directive, comment or tag.
 *
 * @example
 * ```ts
 * mermaidText('整顿:第一阶段\nclick x href "javascript:alert(1)"'); // '整顿 第一阶段 click x href javascript alert(1)'
 * ```
 */
export function mermaidText(text: string): string {
  return terminalText(text).replace(MERMAID_SPECIAL, ' ').replace(/\s+/g, ' ').trim();
}
