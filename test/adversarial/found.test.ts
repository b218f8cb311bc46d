/**
 * What the adversarial suite found (issue 11), each as a fixed reproducer: input that throws
 * while it is read is a typed error with a path, never a raw exception; a value is validated
 * where it is read; a rule file that is not UTF-8 is refused rather than read with U+FFFD.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isAssessmentError,
  isOptionsError,
  isRulesetError,
  loadRuleset as loadObjects,
  screen,
  screenMany,
  screenManyCompact,
  type ScreenOptions,
} from '../../src/index.js';
import { loadRuleset } from '../../src/node.js';
import { markdownText } from '../../src/internals/text.js';
import { runCli } from './invariants.js';

const root = join(import.meta.dirname, '..', '..');
const c01 = JSON.parse(readFileSync(join(root, 'rules', 'cn-2017-ten', 'C01.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'wls-adversarial-found-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const record = () => ({ org: { id: '990000000201', name: '示例村党支部', kind: 'village' }, assessedOn: '2026-03-31', venue: { hasFixedVenue: false } });
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwing = (object: object, key: string) =>
  Object.defineProperty(object, key, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function entries(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

describe('a record that throws while it is read', () => {
  it.each([
    ['a throwing getter on a group', () => throwing(record(), 'leadership'), 'boom'],
    ['a throwing getter on org.name', () => ({ ...record(), org: throwing({ id: '990000000201', kind: 'village' }, 'name') }), 'boom'],
    ['a revoked Proxy as the record', () => revoked(), "Cannot perform 'IsArray' on a proxy that has been revoked"],
    ['a revoked Proxy as a group', () => ({ ...record(), leadership: revoked() }), 'proxy that has been revoked'],
  ])('%s: screen rejects with an AssessmentError at the root, as screenMany reports it', async (_name, make, reason) => {
    const error = await rejection(screen(make()));
    expect(isAssessmentError(error)).toBe(true);
    const issues = (error as { issues: Array<{ path: string; message: string }> }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('');
    expect(issues[0]!.message).toMatch(/^could not read the record: /);
    expect(issues[0]!.message).toContain(reason);
    const [entry] = await entries(screenMany([make()]));
    expect(entry).toMatchObject({ index: 0, ok: false, issues: [{ path: '', message: expect.stringMatching(/^could not read the record: /) }] });
  });

  it('says so in Chinese under locale zh-CN', async () => {
    const error = await rejection(screen(throwing(record(), 'leadership'), { locale: 'zh-CN' }));
    expect((error as { issues: Array<{ message: string }> }).issues[0]!.message).toBe('无法读取该记录：boom');
  });
});

describe('a declared extra fact is validated where it is read', () => {
  const ruleset = loadObjects({
    ruleset: { id: 'extra-read', version: '1', criteria: ['X01'], extraFacts: { n: 'number' } },
    criteria: [{ id: 'X01', no: 1, title: { zh: '附加', en: 'Extra' }, seedWording: '附加', conditions: { any: [{ fact: 'extra.n', operator: 'greaterThan', value: 3 }] }, event: { type: 'criterion-matched' } }],
  });

  it('a getter showing zod a text and the extra-fact check a number is refused (was: evidence showed the text)', async () => {
    let reads = 0;
    const extra = Object.defineProperty({}, 'n', { enumerable: true, get: () => (reads++ === 0 ? 'POISON' : 5) });
    const error = await rejection(screen({ ...record(), extra }, { ruleset }));
    expect(isAssessmentError(error)).toBe(true);
    expect((error as { issues: unknown }).issues).toEqual([{ path: 'extra.n', message: 'extra fact "n" must be a number or null' }]);
  });

  it('plain extras screen as before', async () => {
    const result = await screen({ ...record(), extra: { n: 5 } }, { ruleset });
    expect(result.matched).toEqual(['X01']);
    expect(result.criteria[0]!.evidence[0]!.actual).toBe(5);
  });
});

describe('options that throw while they are read', () => {
  it.each([
    ['a throwing getter on thresholds', () => throwing({}, 'thresholds')],
    ['a throwing getter on a criterion of thresholds', () => ({ thresholds: throwing({}, 'C01') })],
    ['revoked options', () => revoked()],
    ['revoked thresholds', () => ({ thresholds: revoked() })],
  ])('%s: an OptionsError at the root, from screen and from the first next() of a batch', async (_name, make) => {
    const error = await rejection(screen(record(), make() as ScreenOptions));
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: unknown }).issues).toEqual([{ path: '', message: expect.stringMatching(/^could not read the options: /) }]);
    for (const batch of [screenMany, screenManyCompact]) {
      expect(isOptionsError(await rejection(entries(batch([record()], make() as ScreenOptions))))).toBe(true);
    }
  });
});

describe('options holding a Proxy whose has trap throws', () => {
  it('is an OptionsError naming where, from screen and from the first next() of a batch', async () => {
    // zod's own wording looked at the value again (`"then" in value`) and threw; ours names the path.
    const make = () => ({ thresholds: { C01: new Proxy(Object.setPrototypeOf({}, Date.prototype), { has: () => { throw new Error('boom'); } }) } });
    const error = await rejection(screen(record(), make() as unknown as ScreenOptions));
    expect(isOptionsError(error)).toBe(true);
    const issues = (error as { issues: Array<{ path: string; message: string }> }).issues;
    expect(issues.map((i) => i.path)).toEqual(['thresholds.C01']);
    for (const batch of [screenMany, screenManyCompact]) {
      expect(isOptionsError(await rejection(entries(batch([record()], make() as unknown as ScreenOptions))))).toBe(true);
    }
  });
});

describe('rule files given as objects that throw while they are read', () => {
  const ruleset = { id: 'objects', version: '1', criteria: ['C01'] };
  it.each([
    ['a throwing getter on criteria', () => throwing({ ruleset }, 'criteria'), '(objects)'],
    ['a throwing getter on bases', () => throwing({ ruleset, criteria: [c01] }, 'bases'), '(objects)'],
    ['a revoked container', () => revoked(), '(objects)'],
    ['a revoked list of criteria', () => ({ ruleset, criteria: revoked() }), '(objects)'],
    ['a list whose element throws', () => ({ ruleset, criteria: new Proxy([c01], { get: (t, k) => (k === '0' ? (() => { throw new Error('boom'); })() : Reflect.get(t, k)) }) }), '(objects)'],
    ['a criterion whose id throws', () => ({ ruleset, criteria: [throwing({ ...c01 }, 'id')] }), 'criteria[0]'],
    ['a revoked criterion', () => ({ ruleset, criteria: [revoked()] }), 'criteria[0]'],
  ])('%s: a RulesetError naming what could not be read', (_name, make, file) => {
    let error: unknown;
    try {
      loadObjects(make() as never);
    } catch (caught) {
      error = caught;
    }
    expect(isRulesetError(error)).toBe(true);
    expect(error).toMatchObject({ file, field: '', message: expect.stringMatching(/cannot be read as plain data/) });
  });
});

describe('a rule file that is not UTF-8', () => {
  it.each([
    ['GBK text in a title', [0xbc, 0xd7, 0xb4, 0xe5], 5],
    ['a lone 0xFF byte', [0xff], 5],
    ['GB18030 four-byte text', [0x81, 0x30, 0x81, 0x30], 5],
  ])('%s: a RulesetError naming the file and line, never U+FFFD in the ruleset; the CLI exits 2', async (_name, bytes, line) => {
    const folder = join(scratch, `gbk-${bytes.join('-')}`, 'county');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'ruleset.json'), JSON.stringify({ id: 'county', version: '1', criteria: ['C01'] }));
    const text = JSON.stringify(c01, null, 2);
    const at = text.indexOf('"zh": "') + '"zh": "'.length;
    writeFileSync(join(folder, 'C01.json'), Buffer.concat([Buffer.from(text.slice(0, at)), Uint8Array.from(bytes), Buffer.from(text.slice(at))]));
    let error: unknown;
    try {
      loadRuleset(folder);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ file: join(folder, 'C01.json'), field: '', message: expect.stringContaining(`not valid UTF-8 (first at line ${line}): save the file as UTF-8`) });
    const run = await runCli(['rules', '--ruleset', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`not valid UTF-8 (first at line ${line})`);
    expect(run.stdout).toBe('');
  });

  it('a UTF-8 file with a byte order mark still loads', () => {
    const folder = join(scratch, 'bom', 'county');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'ruleset.json'), `\ufeff${JSON.stringify({ id: 'county', version: '1', criteria: ['C01'] })}`);
    writeFileSync(join(folder, 'C01.json'), `\ufeff${JSON.stringify(c01)}`);
    expect(loadRuleset(folder).criteria[0]!.title.zh).toBe(c01.title.zh);
  });
});

describe('a bare address after an underscore', () => {
  it('"www." is escaped wherever it stands (GitHub links "_www.x" too), in a name and in the screen md table', async () => {
    expect(markdownText('_www.evil.example=')).toBe('\\_www\\.evil.example=');
    expect(markdownText('(www.evil.example) *WWW.evil.example')).toBe('(www\\.evil.example) \\*WWW\\.evil.example');
    const path = join(scratch, 'www.jsonl');
    writeFileSync(path, JSON.stringify({ ...record(), org: { ...record().org, id: '_www.evil.example=' } }));
    const run = await runCli(['screen', path, '--format', 'md']);
    expect(run.stdout).toContain('| \\_www\\.evil.example= |');
  });
});

describe('an object that only copies the ruleset brand', () => {
  it('is an OptionsError at ruleset, not a TypeError from deep inside', async () => {
    const forged = { [Symbol.for('weak-lax-screener.ruleset')]: true };
    const error = await rejection(screen(record(), { ruleset: forged } as unknown as ScreenOptions));
    expect(isOptionsError(error)).toBe(true);
    expect((error as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['ruleset']);
  });
});
