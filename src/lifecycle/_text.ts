/**
 * Local escaping for the monthly report, until the shared helper lands.
 *
 * TODO(lifecycle): replace with `markdownText` and `mermaidText` from src/internals/text.ts
 * (being written on the command-line branch, same names and behaviour) and delete this file.
 *
 * @module
 */

/** Line breaks and tabs become a space; other control characters and bidirectional overrides go. */
function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * Text for Markdown, inline or in a table cell: every character that could open a link,
 * image, tag, code, emphasis or heading, or end a table cell, is backslash-escaped, and bare
 * addresses cannot become links. What renders is the text as given. @internal
 */
export function markdownText(text: string): string {
  return plainText(text)
    .replace(/[\\`*_[\]<>|#]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Text for a Mermaid label or title: every character with a meaning in Mermaid's syntax
 * becomes a space, so a name can neither end its line nor start a directive, comment or tag. @internal
 */
export function mermaidText(text: string): string {
  return plainText(text).replace(/[:;#%"'`<>{}[\]|&\\]/g, ' ').replace(/\s+/g, ' ').trim();
}
