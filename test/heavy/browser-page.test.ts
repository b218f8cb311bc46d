/**
 * The browser example (examples/browser/) in headless Chromium, opened from its folder
 * (file://) under its strict CSP: a clerk fills in fixture 04 (the secretary post vacant 3
 * months 1 day) control by control, and the page shows the verdict and the evidence in
 * Chinese, with no request beyond the page's own files and no CSP violation. Then data left
 * out shows as missing, by label, and a bad value as an error in Chinese.
 *
 * Needs Debian's chromium (/usr/bin/chromium; `.ci/run` installs it) and builds the page's
 * bundle first (`scripts/build-example.mjs`, from dist/browser/, which the test setup builds).
 * Without the browser these tests are skipped, with a message saying so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentFields } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`test/heavy/browser-page.test.ts skipped: no browser at ${CHROMIUM} (install Debian's chromium: apt-get install -y chromium)`);

const root = join(import.meta.dirname, '..', '..');
const folder = join(root, 'examples', 'browser');
const pageUrl = pathToFileURL(join(folder, 'index.html')).href;
const FIELDS = new Map(assessmentFields.map((field) => [field.path, field]));

let context: BrowserContext;
let dataDir: string;
/** Every URL the page asked for, and every console error or CSP violation. */
const requests: string[] = [];
const problems: string[] = [];

async function open(): Promise<Page> {
  const page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(pageUrl);
  // A string, run in the page (this project's types have no DOM).
  await page.evaluate("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective))");
  return page;
}

/** The leaves of an assessment, by dotted path. */
function leaves(value: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(value).flatMap(([key, v]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, path) : [[path, v]];
  });
}

/** Fills one field in as a clerk would, with the control the field's type gets. */
async function fillIn(page: Page, path: string, value: unknown): Promise<void> {
  const field = FIELDS.get(path)!;
  if (value === null) await page.check(`[data-null-for="${path}"]`);
  else if (field.type === 'boolean') await page.check(`input[name="${path}"][value="${String(value)}"]`);
  else if (field.type === 'enum') await page.selectOption(`select[name="${path}"]`, String(value));
  else if (field.type === 'share') await page.fill(`[name="${path}"]`, String(Number(value) * 100));
  else await page.fill(`[name="${path}"]`, String(value));
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe.skipIf(!available)('the browser example in headless Chromium (needs /usr/bin/chromium)', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-example.mjs')], { cwd: root, stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'wls-chromium-'));
    context = await chromium.launchPersistentContext(dataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds its form from the field table: a label and the right control for every field', async () => {
    const page = await open();
    const controls = (await page.evaluate(`[...document.querySelectorAll('form [name]')].map((node) => ({
      path: node.name,
      control: node.tagName.toLowerCase() + ':' + node.type,
      label: node.closest('.field')?.querySelector('label, .label')?.textContent,
    }))`)) as Array<{ path: string; control: string; label: string }>;
    const CONTROL = { count: 'input:number', amount: 'input:number', share: 'input:number', date: 'input:date', boolean: 'input:radio', enum: 'select:select-one', id: 'input:text', text: 'input:text' };
    for (const field of assessmentFields) {
      const found = controls.find((c) => c.path === field.path);
      expect(found, field.path).toEqual({ path: field.path, control: CONTROL[field.type], label: field.label.zh });
    }
    // A yes/no question can be left unanswered; a village's rating offers the Chinese words.
    expect(await page.locator('input[name="venue.hasFixedVenue"]').count()).toBe(3);
    expect(await page.locator('select[name="secretary.rating"] option').allInnerTexts()).toEqual(['未填', '优秀', '称职', '基本称职', '不称职']);
    await page.close();
  });

  it('fixture 04 filled in: weak-lax on ①, with the evidence in Chinese, and who decides', async () => {
    const page = await open();
    const f = fixture('04-');
    for (const [path, value] of leaves(f.assessment)) await fillIn(page, path, value);
    await expect.poll(() => text(page, '#verdict'), { timeout: 10_000 }).toBe('软弱涣散（初步排查）');
    expect(await text(page, '#score')).toBe('分数 10（满分 100，分数越高问题越突出）');
    const matched = await text(page, '#matched');
    expect(matched).toContain('① 班子配备不齐、书记长期缺职、工作停滞');
    expect(matched).toContain('书记空缺时长3个月1天，超过3个月');
    expect(await page.locator('#near').isHidden()).toBe(true);
    expect(await page.locator('#missing').isHidden()).toBe(true);
    expect(await text(page, '.decides')).toContain('乡镇（街道）党（工）委初步提出，县委组织部会同有关部门联审，县委常委会研究确定');
    await page.close();
  });

  it('names missing data by label, and a bad value in Chinese', async () => {
    const page = await open();
    const f = fixture('04-');
    for (const path of ['org.id', 'org.name', 'org.kind', 'assessedOn']) await fillIn(page, path, leaves(f.assessment).find(([p]) => p === path)![1]);
    await expect.poll(() => text(page, '#verdict'), { timeout: 10_000 }).toBe('数据不足，无法得出结论');
    const missing = await text(page, '#missing');
    expect(missing).toContain('缺少：书记空缺起始日期、书记不能正常履职起始日期、班子缺额起始日期、工作处于停滞状态');
    await fillIn(page, 'organisationLife.branchAssemblies', 1.5);
    await fillIn(page, 'service.satisfactionRate', 8.5);
    await expect.poll(() => text(page, '#verdict'), { timeout: 10_000 }).toBe('排查表填写有误，请按下列提示修改。');
    expect((await text(page, '#issues')).split('\n').slice(1)).toEqual([
      '支部党员大会次数应为整数（次数），不能为负数；填写的是数字 1.5',
      // The form asks for a percentage: 850% is out of range in the form's own words.
      '群众满意率应在 0% 到 100% 之间',
    ]);
    await page.close();
  });

  it('asked for nothing but its own files, and broke no CSP rule', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(pathToFileURL(folder).href))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
