/**
 * Error classes. Every error the library throws on purpose extends {@link ScreenerError}
 * and carries a stable `code`. Use the `is…Error()` guards rather than `instanceof`: the
 * ESM and CommonJS builds are two copies of each class, and `instanceof` fails across them
 * (and across realms); the guards read a global brand and the `code` instead.
 *
 * @module
 */

const BRAND = Symbol.for('weak-lax-screener.error');

/** One problem found in an input, option or rule file. */
export interface Issue {
  /** Dotted path naming the offending key itself, e.g. `leadership.seatFilled`; `''` for the root. */
  path: string;
  /** Human-readable message, in the requested locale. */
  message: string;
}

/** Error codes, one per error class. */
export type ErrorCode = 'ERR_ASSESSMENT' | 'ERR_OPTIONS' | 'ERR_RULESET' | 'ERR_REVIEW' | 'ERR_CASE';

/** Language of error messages. */
export type Locale = 'en' | 'zh-CN';

/** The headers and separators of error messages, in English and Chinese. */
export const ERROR_TEXT = {
  /** The first line of a {@link CaseError}'s message. */
  case: {
    en: (orgId?: string) => `Case refused${orgId ? ` (org ${orgId})` : ''}:`,
    zh: (orgId?: string) => `整顿台账记录未被接受${orgId ? `（组织编码 ${orgId}）` : ''}：`,
  },
  /** The first line of an {@link AssessmentError}'s message. */
  assessment: {
    en: (orgId?: string) => `Invalid assessment${orgId ? ` (org ${orgId})` : ''}:`,
    zh: (orgId?: string) => `排查记录有误${orgId ? `（组织编码 ${orgId}）` : ''}：`,
  },
  /** The first line of an {@link OptionsError}'s message. */
  options: { en: () => 'Invalid options:', zh: () => '选项有误：' },
  /** Names an issue about the input as a whole. */
  root: { en: () => '(root)', zh: () => '（整条记录）' },
  /** Between a path and its message. */
  colon: { en: () => ': ', zh: () => '：' },
} as const;

type Text = (typeof ERROR_TEXT)[keyof typeof ERROR_TEXT];

function text<T extends Text>(entry: T, locale: Locale | undefined): T['en'] {
  return locale === 'zh-CN' ? entry.zh : entry.en;
}

function formatIssues(summary: string, issues: readonly Issue[], locale: Locale | undefined): string {
  if (issues.length === 0) return summary;
  const colon = text(ERROR_TEXT.colon, locale)();
  const lines = issues.map((issue) => `  - ${issue.path || text(ERROR_TEXT.root, locale)()}${colon}${issue.message}`);
  return `${summary}\n${lines.join('\n')}`;
}

/** Base class of every error thrown by this library. */
export class ScreenerError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** @internal */
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * An assessment failed validation. `issues` lists every bad field, each with a dotted
 * `path` naming the offending key (an unknown key is named itself: `leadership.seatFilled`).
 */
export class AssessmentError extends ScreenerError {
  declare readonly code: 'ERR_ASSESSMENT';
  /** Every problem found, in input order. */
  readonly issues: Issue[];
  /** The assessment's `org.id` when it could be read, to report bad records in a batch. */
  readonly orgId: string | undefined;

  /**
   * @param issues - every problem found
   * @param orgId - the assessment's `org.id`, when it could be read
   * @param locale - the language of the message's header (the issues carry their own)
   */
  constructor(issues: Issue[], orgId?: string, locale?: Locale) {
    super('ERR_ASSESSMENT', formatIssues(text(ERROR_TEXT.assessment, locale)(orgId), issues, locale));
    this.issues = issues;
    this.orgId = orgId;
  }
}

/** Screening options failed validation: an unknown key, criterion or threshold name, or a bad value. */
export class OptionsError extends ScreenerError {
  declare readonly code: 'ERR_OPTIONS';
  /** Every problem found. */
  readonly issues: Issue[];

  /**
   * @param issues - every problem found
   * @param locale - the language of the message's header (the issues carry their own)
   */
  constructor(issues: Issue[], locale?: Locale) {
    super('ERR_OPTIONS', formatIssues(text(ERROR_TEXT.options, locale)(), issues, locale));
    this.issues = issues;
  }
}

/** A ruleset or rule file is invalid. `file` and `field` name where. */
export class RulesetError extends ScreenerError {
  declare readonly code: 'ERR_RULESET';
  /** The file (or object label) at fault, e.g. `rules/my-province/C03.json`. */
  readonly file: string;
  /** Dotted path of the field at fault inside that file; `''` for the file as a whole. */
  readonly field: string;

  /**
   * @param file - the file (or object label) at fault
   * @param field - dotted path of the field at fault, `''` for the file as a whole
   * @param message - what is wrong, in `locale`
   * @param locale - the language of the message
   */
  constructor(file: string, field: string, message: string, locale?: Locale) {
    super('ERR_RULESET', `${file}${field ? ` → ${field}` : ''}${text(ERROR_TEXT.colon, locale)()}${message}`);
    this.file = file;
    this.field = field;
  }
}

/** Two screening results cannot be compared by `review`. */
export class ReviewError extends ScreenerError {
  declare readonly code: 'ERR_REVIEW';

  constructor(message: string) {
    super('ERR_REVIEW', message);
  }
}

/**
 * A rectification case or an entry for it was refused: a case that fails validation when read
 * back, or an entry dated before the screening, naming an unknown item or problem, or out of
 * order (see `recordProgress` and the other `record…` functions). `issues` names each field.
 */
export class CaseError extends ScreenerError {
  declare readonly code: 'ERR_CASE';
  /** Every problem found. */
  readonly issues: Issue[];
  /** The case's organisation, when known. */
  readonly orgId: string | undefined;

  constructor(issues: Issue[], orgId?: string, locale?: Locale) {
    super('ERR_CASE', formatIssues(text(ERROR_TEXT.case, locale)(orgId), issues, locale));
    this.issues = issues;
    this.orgId = orgId;
  }
}

function hasCode(error: unknown, code: ErrorCode): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<PropertyKey, unknown>)[BRAND] === true &&
    (error as { code?: unknown }).code === code
  );
}

/** True for any error thrown by this library, from either the ESM or the CommonJS build. */
export function isScreenerError(error: unknown): error is ScreenerError {
  return typeof error === 'object' && error !== null && (error as Record<PropertyKey, unknown>)[BRAND] === true;
}

/** True for an {@link AssessmentError} from either build. */
export function isAssessmentError(error: unknown): error is AssessmentError {
  return hasCode(error, 'ERR_ASSESSMENT');
}

/** True for an {@link OptionsError} from either build. */
export function isOptionsError(error: unknown): error is OptionsError {
  return hasCode(error, 'ERR_OPTIONS');
}

/** True for a {@link RulesetError} from either build. */
export function isRulesetError(error: unknown): error is RulesetError {
  return hasCode(error, 'ERR_RULESET');
}

/** True for a {@link ReviewError} from either build. */
export function isReviewError(error: unknown): error is ReviewError {
  return hasCode(error, 'ERR_REVIEW');
}

/** True for a {@link CaseError} from either build. */
export function isCaseError(error: unknown): error is CaseError {
  return hasCode(error, 'ERR_CASE');
}
