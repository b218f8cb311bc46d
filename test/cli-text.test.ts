/**
 * Data never reaches output as control sequences or markup (issue 11): the sanitisers of
 * src/internals/text.ts, and renderPlan using them.
 */
import { describe, expect, it } from 'vitest';
import { markdownText, mermaidText, terminalText } from '../src/internals/text.js';
import { planRectification, renderPlan, screen, type RectificationPlan } from '../src/index.js';
import { fixture as village } from './helpers/fixtures.js';

/** Hostile texts a clerk's file or a province's rule file might hold. */
const HOSTILE = {
  newline: '甲村\n| 99 | 伪造 | 行 |',
  crlf: '甲村\r\n# 标题',
  ansi: '\u001b[31m红色\u001b[0m',
  osc: '\u001b]8;;https://evil.example\u0007点此\u001b]8;;\u0007',
  c1: '\u009b31m甲\u0085乙',
  bell: '甲\u0007\u0000\u007f乙',
  bidi: '甲\u202e乙丙',
  pipe: '甲|乙',
  script: '<script>alert(1)</script>',
  link: '[点此](javascript:alert(1))',
  image: '![x](https://evil.example/a.png)',
  autolink: '<javascript:alert(1)>',
  bare: 'https://evil.example www.evil.example',
  code: '`code` *强调* _斜体_',
  mermaid: '阶段: 一; click x href "javascript:alert(1)" %% 注释 #35;',
} as const;

/** What must not survive in terminal text: any C0 or C1 control, DEL, a bidi override. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it.each(Object.entries(HOSTILE))('%s: no control character, one line', (_name, text) => {
    const safe = terminalText(text);
    expect(safe).not.toMatch(CONTROL);
    expect(safe.split('\n')).toHaveLength(1);
  });

  it('keeps the text readable: breaks become spaces, escapes lose their ESC', () => {
    expect(terminalText('甲村\n乙村\r\n丙\t丁')).toBe('甲村 乙村 丙 丁');
    expect(terminalText(HOSTILE.ansi)).toBe('[31m红色[0m');
    expect(terminalText(HOSTILE.bell)).toBe('甲乙');
    expect(terminalText('甲村党总支')).toBe('甲村党总支');
  });
});

describe('markdownText', () => {
  it.each(Object.entries(HOSTILE))('%s: nothing opens a link, tag, code span or cell break', (_name, text) => {
    const safe = markdownText(text);
    expect(safe).not.toMatch(CONTROL);
    expect(safe).not.toContain('\n');
    // Every special character is preceded by a backslash (which is itself escaped).
    expect(safe.replace(/\\[\\`*_[\]<>|#.:]/g, '')).not.toMatch(/[\\`*_[\]<>|#]/);
    expect(safe).not.toMatch(/(?<!\\):\/\//);
  });

  it('escapes exactly what needs it', () => {
    expect(markdownText(HOSTILE.link)).toBe('\\[点此\\](javascript:alert(1))');
    expect(markdownText(HOSTILE.script)).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(markdownText('甲|乙\n丙')).toBe('甲\\|乙 丙');
    expect(markdownText('a\\b')).toBe('a\\\\b');
    expect(markdownText(HOSTILE.bare)).toBe('https\\://evil.example www\\.evil.example');
    expect(markdownText('村(居)务 C01')).toBe('村(居)务 C01');
  });
});

describe('mermaidText', () => {
  it.each(Object.entries(HOSTILE))('%s: one line with no Mermaid syntax', (_name, text) => {
    const safe = mermaidText(text);
    expect(safe).not.toMatch(/[\n:;#%"'`<>{}[\]|&\\]/);
    expect(safe).not.toMatch(CONTROL);
  });
  it('keeps words and parentheses', () => {
    expect(mermaidText('集中整顿(三个月): 第一阶段')).toBe('集中整顿(三个月) 第一阶段');
  });
});

const base = planRectification(await screen(village('42-').assessment), { start: '2017-03-01' });

describe('renderPlan neutralises data', () => {
  it.each(['zh', 'en'] as const)('%s: names, problems, responsible persons and phases from data stay text', (lang) => {
    const plan: RectificationPlan = structuredClone(base);
    plan.orgName = `${HOSTILE.link}\n## 伪造一节\n${HOSTILE.script}`;
    plan.problems = [{ criterionId: 'C07', title: { zh: HOSTILE.image, en: HOSTILE.image } }];
    plan.checklist[0] = { ...plan.checklist[0]!, responsible: `${HOSTILE.pipe}${HOSTILE.ansi}`, measure: { zh: HOSTILE.autolink, en: HOSTILE.autolink } };
    plan.timeline[0] = { ...plan.timeline[0]!, title: { zh: HOSTILE.mermaid, en: HOSTILE.mermaid } };
    const md = renderPlan(plan, { lang });
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/); // nothing but line ends
    expect(md).not.toContain('## 伪造一节');
    expect(md).not.toMatch(/(?<!\\)\[点此(?<!\\)\]/);
    expect(md).not.toMatch(/(?<!\\)<script/);
    expect(md).not.toMatch(/(?<!\\)!\[x/);
    expect(md).not.toMatch(/(?<!\\)<javascript/);
    expect(md.split('\n')[0]).toBe(`# ${lang === 'zh' ? '' : 'Rectification plan: '}\\[点此\\](javascript:alert(1)) \\#\\# 伪造一节 \\<script\\>alert(1)\\</script\\>${lang === 'zh' ? '整顿方案' : ''}`);
    // The gantt block: one task line per phase, none of them carrying a directive.
    const gantt = md.slice(md.indexOf('```mermaid'), md.indexOf('```', md.indexOf('```mermaid') + 3));
    expect(gantt.split('\n').filter((l) => l.includes(':organise,'))).toEqual(['    阶段 一 click x href javascript alert(1) 注释 35 :organise, 2017-03-01, 2017-03-06']);
    expect(gantt).not.toMatch(/^\s*click/m);
    // The table still has five cells a row.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.slice(1, -1).split(/(?<!\\)\|/)).toHaveLength(5);
  });
});
