/** The command line's own errors; the library's are `ScreenerError`s. */

/** A usage error or unreadable input: exit code 2, a one-line message, no stack. */
export class UsageError extends Error {}

/** Standard output was closed by its reader (`… | head -1`): the run ends quietly, exit code 0. */
export class OutputClosed extends Error {}
