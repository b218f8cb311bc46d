/**
 * Reading a ruleset folder from disk: the one part of the library that needs Node's file
 * system, so it lives outside the core entry (see `src/node.ts`).
 *
 * Rule files are untrusted: a file is read only if it is a regular file, not a symbolic link,
 * and within {@link RULESET_LIMITS}.fileBytes; `extends` resolves only among the sibling
 * folders of the ruleset's folder (real folders, not links) and the built-in rulesets; an
 * error never quotes a file's text.
 *
 * @module
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { RULESET_LIMITS, limitError } from './schema/rule-input.js';
import { inLocale, rulesetError as ruleFileError, type Locale, type MessageTable, type Params } from './schema/messages.js';
import { buildRuleset, type Ruleset } from './ruleset.js';
import { builtInRuleset, loadRulesetObjects, type LoadRulesetOptions, type RulesetObjects } from './rulesets.js';

/** Why a file or folder cannot be read, by the system's error code. */
const WHY: Readonly<Record<string, { en: string; zh: string }>> = {
  ENOENT: { en: 'no such file or folder', zh: '文件或文件夹不存在' },
  EACCES: { en: 'permission denied', zh: '没有读取权限' },
  EPERM: { en: 'permission denied', zh: '没有读取权限' },
  ENOTDIR: { en: 'not a folder', zh: '不是文件夹' },
  EISDIR: { en: 'a folder, not a file', zh: '是文件夹，不是文件' },
  ELOOP: { en: 'a symbolic link (rule files must be regular files inside the ruleset folder)', zh: '是符号链接（规则文件应为规则集文件夹中的普通文件）' },
};

/** Why, in words, for a system error code (`ENOENT`); other codes are given as they are. */
function whyWords(code: unknown, locale: Locale): string {
  const why = typeof code === 'string' ? WHY[code] : undefined;
  if (why) return locale === 'zh-CN' ? why.zh : why.en;
  return typeof code === 'string' ? code : locale === 'zh-CN' ? '无法读取' : 'unreadable';
}


/** The messages of reading a ruleset folder, in English and Chinese. */
export const FOLDER_MESSAGES: MessageTable = {
  notJson: {
    en: (p) => `not valid JSON at line ${String(p.line)}, column ${String(p.column)}`,
    zh: (p) => `不是有效的 JSON：第 ${String(p.line)} 行第 ${String(p.column)} 列有误`,
  },
  jsonEndsEarly: {
    en: () => 'not valid JSON: the file ends too early',
    zh: () => '不是有效的 JSON：文件不完整',
  },
  cannotRead: {
    en: (p) => `cannot read: ${whyWords(p.code, 'en')}`,
    zh: (p) => `无法读取：${whyWords(p.code, 'zh-CN')}`,
  },
  notRegularFile: {
    en: () => 'cannot read: not a regular file',
    zh: () => '无法读取：不是普通文件',
  },
  notUtf8: {
    en: (p) => `not valid UTF-8 (first at line ${String(p.line)}): save the file as UTF-8`,
    zh: (p) => `不是有效的 UTF-8 编码（第${String(p.line)}行起）：请将文件另存为 UTF-8 编码`,
  },
  cannotReadFolder: {
    en: (p) => `cannot read folder: ${whyWords(p.code, 'en')}`,
    zh: (p) => `无法读取文件夹：${whyWords(p.code, 'zh-CN')}`,
  },
  siblingLink: {
    en: (p) => `sibling folder "${String(p.name)}" is a symbolic link: extends does not follow links`,
    zh: (p) => `同级文件夹“${String(p.name)}”是符号链接：extends 不跟随链接`,
  },
  circularExtends: {
    en: () => 'circular extends',
    zh: () => 'extends 形成循环',
  },
  missingRulesetJson: {
    en: () => 'missing ruleset.json',
    zh: () => '缺少 ruleset.json',
  },
  idMismatch: {
    en: (p) => `id "${String(p.id)}" does not match the file name`,
    zh: (p) => `编号“${String(p.id)}”与文件名不一致`,
  },
};

/** A `RulesetError` of reading a folder, in the language of the current load. */
function rulesetError(file: string, field: string, key: string, params: Params = {}) {
  return ruleFileError(file, field, key, params, FOLDER_MESSAGES);
}

/** The system's code for why a file cannot be read (`ENOENT`), if it gave one. */
function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * Offset of the first JSON syntax error in `text` (`text.length` when it ends early), found
 * without recursion. Used only after JSON.parse has failed, because V8's own message quotes
 * the file's text.
 */
export function jsonErrorOffset(text: string): number {
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const stack: string[] = [];
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'after' = 'value';
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return ++i > 0;
      if (c < ' ') return false;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  for (;;) {
    skipSpace();
    const c = text[i];
    if (state === 'after') {
      if (stack.length === 0) return i < text.length ? i : -1;
      const top = stack.at(-1)!;
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else return i;
    } else if (state === 'key' || state === 'keyOrEnd') {
      if (state === 'keyOrEnd' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
      } else {
        if (c !== '"' || !string()) return i;
        skipSpace();
        if (text[i] !== ':') return i;
        i++;
        state = 'value';
      }
    } else {
      if (state === 'valueOrEnd' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      } else if (c === '"') {
        if (!string()) return i;
        state = 'after';
      } else {
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        NUMBER.lastIndex = i;
        if (literal) i += literal.length;
        else if (NUMBER.test(text)) i = NUMBER.lastIndex;
        else return i;
        state = 'after';
      }
    }
  }
}

/** Parses a rule file's text; a syntax error names its line and column, never the text. */
function parseJson(text: string, file: string): unknown {
  // A byte-order mark, as Windows editors write it, is not a syntax error.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const offset = Math.max(0, jsonErrorOffset(body));
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw offset >= body.length ? rulesetError(file, '', 'jsonEndsEarly') : rulesetError(file, '', 'notJson', { line, column });
  }
}

/**
 * The line (from 1) holding the first byte sequence that is not UTF-8, or 0 when all is
 * UTF-8. A line feed is never part of a multi-byte sequence, so each line is checked alone.
 */
function firstLineNotUtf8(bytes: Buffer): number {
  if (isUtf8(bytes)) return 0;
  for (let line = 1, start = 0; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (!isUtf8(bytes.subarray(start, end < 0 ? bytes.length : end))) return line;
    if (end < 0) return 0;
    start = end + 1;
  }
}

/**
 * Reads one rule file: a regular file (not a link, a folder or a device), within the size
 * limit. Opened without following links, so a file swapped for a link after the check is
 * refused too.
 */
function readRuleFile(file: string): unknown {
  let stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    throw rulesetError(file, '', 'cannotRead', { code: codeOf(error) });
  }
  if (stats.isSymbolicLink()) throw rulesetError(file, '', 'cannotRead', { code: 'ELOOP' });
  if (!stats.isFile()) throw rulesetError(file, '', 'notRegularFile');
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO put in the file's place must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw rulesetError(file, '', 'cannotRead', { code: codeOf(error) });
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw rulesetError(file, '', 'notRegularFile');
    if (opened.size > RULESET_LIMITS.fileBytes) throw limitError(file, '', 'fileBytes', 'fileBytes', opened.size);
    const bytes = readFileSync(fd);
    // The file may have grown since fstat.
    if (bytes.length > RULESET_LIMITS.fileBytes) throw limitError(file, '', 'fileBytes', 'fileTooLarge');
    // A file saved in another encoding (GBK, say) is refused, never read with U+FFFD in place of its text.
    const line = firstLineNotUtf8(bytes);
    if (line > 0) throw rulesetError(file, '', 'notUtf8', { line });
    return parseJson(bytes.toString('utf8'), file);
  } finally {
    closeSync(fd);
  }
}

/** True when `path` is a real folder (not a link to one); false when nothing is there. */
function isRealFolder(path: string, rulesetFile: string): boolean {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return false;
  }
  if (stats.isSymbolicLink()) {
    throw rulesetError(rulesetFile, 'extends', 'siblingLink', { name: basename(path) });
  }
  return stats.isDirectory();
}

function loadFolder(folder: string, root: string, loading: Set<string>): Ruleset {
  const rulesetFile = join(folder, 'ruleset.json');
  if (loading.has(folder)) throw rulesetError(rulesetFile, 'extends', 'circularExtends');
  loading.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw rulesetError(folder, '', 'cannotReadFolder', { code: codeOf(error) });
  }
  if (!names.includes('ruleset.json')) throw rulesetError(rulesetFile, '', 'missingRulesetJson');
  const criterionNames = names.filter((name) => name !== 'ruleset.json');
  if (criterionNames.length > RULESET_LIMITS.criteriaPerRuleset) {
    throw limitError(folder, '', 'criteriaPerRuleset', 'criterionFiles', criterionNames.length);
  }
  const criteria = criterionNames.map((name) => ({ file: join(folder, name), content: readRuleFile(join(folder, name)) }));
  for (const input of criteria) {
    const id = (input.content as { id?: unknown } | null)?.id;
    // Only an id the schema would accept is named here; any other is the schema's to report,
    // without quoting it.
    if (typeof id === 'string' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(id) && basename(input.file, '.json') !== id) {
      throw rulesetError(input.file, 'id', 'idMismatch', { id });
    }
  }
  // `extends` is an id (the schema refuses "/", "\" and ".."): a sibling folder of the same
  // root, else a built-in ruleset.
  return buildRuleset({ file: rulesetFile, content: readRuleFile(rulesetFile) }, criteria, (id) => {
    const sibling = join(root, id);
    return isRealFolder(sibling, rulesetFile) ? loadFolder(sibling, root, loading) : builtInRuleset(id);
  });
}

/**
 * Loads and validates a ruleset, synchronously: from a folder (`ruleset.json` plus one JSON
 * file per criterion, named after its id) or from objects. `extends` names a sibling folder
 * (a real folder beside this one, not a link) or a built-in ruleset, or (for objects) one of
 * `bases`. Every file is validated, within documented limits; a bad one throws a
 * {@link RulesetError} naming the file and the field. The ruleset returned is deeply frozen.
 *
 * This is the Node entry's `loadRuleset`; the browser build's takes objects only.
 *
 * @example
 * ```ts
 * const ruleset = loadRuleset('./rules/my-province');
 * const result = await screen(assessment, { ruleset });
 * ```
 */
export function loadRuleset(dirOrObjects: string | RulesetObjects, options?: LoadRulesetOptions): Ruleset {
  return inLocale(options?.locale, () => {
    if (typeof dirOrObjects !== 'string') return loadRulesetObjects(dirOrObjects);
    // The folder named by the caller may be reached through a link; what it holds may not.
    const folder = resolve(dirOrObjects);
    return loadFolder(folder, dirname(folder), new Set());
  });
}
