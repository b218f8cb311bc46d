// The browser example: a screening form for a township clerk, made from the library's field
// table, that screens as it is filled in. Everything runs in the page: no server, no request.
// `npm run example:browser` bundles this file into build/main.js (one classic script, so that
// index.html also works when opened from a folder); an integrator's bundler can take it as it is.
import { zodSettings } from './csp.js';
import {
  assessmentFields,
  fieldGroups,
  fieldLabel,
  isAssessmentError,
  problemsOf,
  rulesets,
  screen,
  warningsOf,
} from 'weak-lax-screener';

const VERDICTS = {
  'weak-lax': '软弱涣散（初步排查）',
  'at-risk': '有风险：未达到认定标准，但有情形接近',
  sound: '未发现软弱涣散情形',
  undetermined: '数据不足，无法得出结论',
};

/** ① for 1, ⑫ for 12. */
const circled = (no) => String.fromCodePoint(0x2460 + no - 1);

/** An element with text and attributes (attributes, never inline style: the page's CSP forbids it). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

/** What `null` means for a nullable date, from its description: 书记在任, 班子配齐… */
function nullMeaning(field) {
  return /填 null 表示(.+?)。/.exec(field.doc.zh)?.[1] ?? '无此情况';
}

/** The input for one field, by its type in the field table. */
function control(field) {
  const id = `f-${field.path.replaceAll('.', '-')}`;
  const common = { id, name: field.path, title: field.doc.zh };
  const unit = field.unit && field.type !== 'share' ? el('span', { class: 'unit' }, field.unit.zh) : '';
  switch (field.type) {
    case 'count':
      return el('span', { class: 'control' }, el('input', { ...common, type: 'number', min: 0, step: 1, inputmode: 'numeric' }), unit);
    case 'amount':
      return el('span', { class: 'control' }, el('input', { ...common, type: 'number', min: 0, step: 'any', inputmode: 'decimal' }), unit);
    case 'share':
      return el('span', { class: 'control' }, el('input', { ...common, type: 'number', min: 0, max: 100, step: 'any', inputmode: 'decimal', 'data-percent': true }), el('span', { class: 'unit' }, '%'));
    case 'date': {
      const date = el('input', { ...common, type: 'date' });
      if (!field.nullable) return el('span', { class: 'control' }, date);
      const none = el('input', { type: 'checkbox', id: `${id}-none`, 'data-null-for': field.path });
      none.addEventListener('change', () => (date.disabled = none.checked));
      return el('span', { class: 'control' }, date, el('label', { class: 'choice', for: `${id}-none` }, none, nullMeaning(field)));
    }
    case 'boolean':
      return el(
        'span',
        { class: 'control', role: 'radiogroup', 'aria-labelledby': `${id}-label` },
        ...[['', '未填'], ['true', '是'], ['false', '否']].map(([value, text]) =>
          el('label', { class: 'choice' }, el('input', { type: 'radio', name: field.path, value, checked: value === '' }), text),
        ),
      );
    case 'enum':
      return el(
        'span',
        { class: 'control' },
        el('select', common, el('option', { value: '' }, '未填'), ...field.values.map((value) => el('option', { value }, field.valueLabels?.[value]?.zh ?? value))),
      );
    default:
      return el('span', { class: 'control' }, el('input', { ...common, type: 'text', required: field.required }));
  }
}

function fieldRow(field) {
  const id = `f-${field.path.replaceAll('.', '-')}`;
  const label = field.type === 'boolean' ? el('span', { class: 'label', id: `${id}-label` }, field.label.zh) : el('label', { for: id }, field.label.zh);
  return el('div', { class: 'field' }, label, control(field));
}

/** The form: the organisation, the assessment date, then one fieldset per indicator group. */
function buildForm(form) {
  const select = form.querySelector('#ruleset');
  for (const ruleset of Object.values(rulesets)) select.append(el('option', { value: ruleset.id }, ruleset.title?.zh ?? ruleset.id));
  for (const group of fieldGroups) {
    const fieldset = el('fieldset', {}, el('legend', {}, group.label.zh), el('p', { class: 'group-doc' }, group.doc.zh), ...group.fields.map(fieldRow));
    form.append(fieldset);
    // The assessment date belongs to no group: it follows the organisation.
    if (group.path === 'org') form.append(el('fieldset', {}, el('legend', {}, '排查'), fieldRow(assessmentFields.find((f) => f.path === 'assessedOn'))));
  }
}

/** The value of one field as the form holds it; `undefined` when it is left empty. */
function readField(form, field) {
  if (field.type === 'boolean') {
    const checked = form.querySelector(`input[name="${field.path}"]:checked`)?.value;
    return checked ? checked === 'true' : undefined;
  }
  if (field.nullable && form.querySelector(`[data-null-for="${field.path}"]`)?.checked) return null;
  const input = form.elements.namedItem(field.path);
  // A number the browser cannot read is an error the library names, never a field left empty.
  if (input.validity?.badInput) return field.type === 'date' ? '' : Number.NaN;
  const text = input.value.trim();
  if (text === '') return undefined;
  if (field.type === 'count' || field.type === 'amount') return Number(text);
  if (field.type === 'share') return Number((Number(text) / 100).toFixed(6));
  return text;
}

/** The assessment the form describes: only what is filled in, by dotted path. */
function readAssessment(form) {
  const record = {};
  for (const field of assessmentFields) {
    const value = readField(form, field);
    if (value === undefined) continue;
    const keys = field.path.split('.');
    let at = record;
    for (const key of keys.slice(0, -1)) at = at[key] ??= {};
    at[keys.at(-1)] = value;
  }
  return record;
}

/** Shows a section's items, or hides it when there are none. */
function fill(section, items) {
  section.hidden = items.length === 0;
  section.querySelector('ul').replaceChildren(...items);
}

function criterionItem(criterion, lines) {
  return el('li', {}, el('span', { class: 'criterion' }, `${circled(criterion.no)} ${criterion.title.zh}`), el('ul', {}, ...lines.map((line) => el('li', {}, line))));
}

function showResult(result) {
  const verdict = document.querySelector('#verdict');
  verdict.textContent = VERDICTS[result.verdict];
  verdict.className = `verdict ${result.verdict}`;
  document.querySelector('#score').textContent = `分数 ${result.score}（满分 100，分数越高问题越突出）`;
  fill(document.querySelector('#issues'), []);
  const matched = result.criteria.filter((c) => c.outcome === 'matched');
  fill(document.querySelector('#matched'), matched.map((c) => criterionItem(c, problemsOf(c).map((p) => p.zh))));
  const near = result.criteria.filter((c) => c.near);
  fill(document.querySelector('#near'), near.map((c) => criterionItem(c, warningsOf(c).map((w) => w.zh))));
  const insufficient = result.criteria.filter((c) => c.outcome === 'insufficient-data');
  fill(
    document.querySelector('#missing'),
    insufficient.map((c) => criterionItem(c, [`缺少：${c.missing.map((path) => fieldLabel(path)?.zh ?? path).join('、')}`])),
  );
}

/** The library's message, except for a share: this form asks for a percentage, not a share from 0 to 1. */
function messageFor(issue) {
  const field = assessmentFields.find((f) => f.path === issue.path);
  return field?.type === 'share' ? `${field.label.zh}应在 0% 到 100% 之间` : issue.message;
}

function showIssues(issues) {
  const verdict = document.querySelector('#verdict');
  verdict.textContent = '排查表填写有误，请按下列提示修改。';
  verdict.className = 'verdict problem';
  document.querySelector('#score').textContent = '';
  for (const id of ['#matched', '#near', '#missing']) fill(document.querySelector(id), []);
  fill(
    document.querySelector('#issues'),
    issues.map((issue) => el('li', { class: 'problem' }, messageFor(issue))),
  );
}

let latest = 0;

/** Screens what the form holds; a screening overtaken by a later one is not shown. */
async function update(form) {
  const run = ++latest;
  const ruleset = rulesets[form.querySelector('#ruleset').value];
  try {
    const result = await screen(readAssessment(form), { ruleset, locale: 'zh-CN' });
    if (run === latest) showResult(result);
  } catch (error) {
    if (!isAssessmentError(error)) throw error;
    if (run === latest) showIssues(error.issues);
  }
}

if (!zodSettings.jitless) throw new Error('csp.js must be imported before the library');
const form = document.querySelector('#assessment');
buildForm(form);
let timer;
const later = () => {
  clearTimeout(timer);
  timer = setTimeout(() => update(form), 250);
};
form.addEventListener('input', later);
form.addEventListener('change', later);
