/**
 * Plan and setup problems as messages (issue 13): every `plan.*` / `setup.*` text has the same
 * placeholders in both locales, zh-CN says them wholly in Chinese, and the en-US texts of zod's
 * issues are zod's own English messages (the command line prints what it printed before).
 */
import { z } from 'zod';
import { CATALOGS, render, type MessageId } from '../../src/core/i18n/catalog';
import { schemaProblem } from '../../src/core/plan/issues';
import { loadPlan } from '../../src/core/plan/plan';
import { PlanSchema } from '../../src/core/plan/schema';
import { miniPlanJson, type Json } from '../support/memory';

const IDS = (Object.keys(CATALOGS['zh-CN']) as MessageId[]).filter((id) => /^(plan|setup)\./.test(id));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the plan and setup texts of the catalog', () => {
  it('are there', () => {
    expect(IDS.length).toBeGreaterThan(60);
  });

  it.each(IDS)('%s: the same placeholders in zh-CN and en-US, neither empty', (id) => {
    expect(CATALOGS['zh-CN'][id].trim()).not.toBe('');
    expect(CATALOGS['en-US'][id].trim()).not.toBe('');
    expect(placeholders(CATALOGS['zh-CN'][id])).toEqual(placeholders(CATALOGS['en-US'][id]));
  });

  it('zh-CN holds no English sentence (only the words a cell may hold, type names and formats)', () => {
    const english = /\b(must|should|not|is|are|has|have|needs?|more|than|missing|duplicate|expected|received|invalid|no|only|a|an|the)\b/i;
    expect(IDS.filter((id) => english.test(CATALOGS['zh-CN'][id].replace(/\{\w+\}/g, '')))).toEqual([]);
  });
});

/** A mini plan with one edit, its problems and zod's own (English) messages at the same paths. */
function compare(edit: (j: Json) => void): { ours: string[]; zods: string[] } {
  const j = miniPlanJson();
  edit(j);
  const r = loadPlan(j);
  if (r.ok) throw new Error('expected the plan to be rejected');
  const zod = PlanSchema.safeParse(j);
  if (zod.success) throw new Error('expected the schema to reject the plan');
  return { ours: r.issues.map((i) => render(i.problem, 'en-US')), zods: zod.error.issues.map((i) => i.message) };
}

describe("zod's issues in our words", () => {
  it.each<[string, (j: Json) => void]>([
    ['a missing title (invalid_type, undefined)', (j) => delete j.title],
    ['a title that is a number', (j) => (j.title = 5)],
    ['a title that is null', (j) => (j.title = null)],
    ['people that is an object', (j) => (j.people = {})],
    ['a title that is NaN', (j) => (j.title = NaN)],
    ['rubrics that is a string', (j) => (j.rubrics = 'x')],
    ['a max that is a string', (j) => (j.rubrics[0].items[0].children[0].max = '3')],
    ['a wrong schema (invalid_value, one)', (j) => (j.schema = 'scoreseal/plan@2')],
    ['a locale of none of the options', (j) => (j.locale = 'fr-FR')],
    ['a role of none of the options', (j) => (j.people[0].role = 'boss')],
    ['a max over the limit', (j) => (j.rubrics[0].items[0].children[0].max = 1_000_000)],
    ['a negative max', (j) => (j.rubrics[0].items[0].children[0].max = -1)],
    ['a sample ratio of 0 (exclusive)', (j) => (j.rubrics[0].sampleRatio = 0)],
    ['a sample ratio over 1', (j) => (j.rubrics[0].sampleRatio = 1.5)],
    ['an empty title (trimmed)', (j) => (j.title = '   ')],
    ['a code too long', (j) => (j.rubrics[0].items[0].code = 'x'.repeat(65))],
    ['no units', (j) => (j.units = [])],
    ['too many grades', (j) => (j.rubrics[0].grades = Array.from({ length: 21 }, (_, i) => ({ name: `g${i}`, min: i })))],
    ['one unknown key', (j) => (j.colour = 'red')],
    ['two unknown keys', (j) => void Object.assign(j.units[0], { colour: 'red', size: 2 })],
  ])('%s: en-US is zod’s message', (_name, edit) => {
    const { ours, zods } = compare(edit);
    expect(ours).toEqual(zods);
  });

  it('the refinements and patterns say what they always said in en-US, and zh-CN in Chinese', () => {
    const said = (edit: (j: Json) => void, locale: 'zh-CN' | 'en-US'): string[] => {
      const j = miniPlanJson();
      edit(j);
      const r = loadPlan(j);
      return r.ok ? [] : r.issues.map((i) => render(i.problem, locale));
    };
    const cases: [(j: Json) => void, string | string[], string | string[]][] = [
      [(j) => (j.rubrics[0].step = 1e-7), 'a number with at most 4 decimal places', '应为最多 4 位小数的数'],
      [(j) => (j.title = 'a\u200bb'), 'must not contain control, bidi or zero-width characters', '不能含控制字符、双向控制字符或零宽字符'],
      [
        (j) => (j.rubrics[0].id = 'a\nb'),
        'must not contain line breaks, control, bidi or zero-width characters',
        '不能含换行、控制字符、双向控制字符或零宽字符',
      ],
      [(j) => (j.people[0].publicKey = 'ed25519:xyz'), 'ed25519:<base64 of 32 bytes>', '应为 ed25519:<32 字节的 base64>'],
      [
        (j) => (j.period = { from: '2026/01/01', to: '2026-12-31' }),
        ['a date written YYYY-MM-DD', 'not a calendar date'],
        ['日期应写作 YYYY-MM-DD', '不是日历上存在的日期'],
      ],
      [(j) => (j.period = { from: '2026-02-30', to: '2026-12-31' }), 'not a calendar date', '不是日历上存在的日期'],
    ];
    for (const [edit, en, zh] of cases) {
      expect(said(edit, 'en-US')).toEqual([en].flat());
      expect(said(edit, 'zh-CN')).toEqual([zh].flat());
    }
  });

  it('zh-CN names types and bounds in words', () => {
    const j = miniPlanJson();
    delete j.title;
    j.units = [];
    j.rubrics[0].items[0].children[0].max = 1_000_000;
    const r = loadPlan(j);
    expect(r.ok ? [] : r.issues.map((i) => `${i.path} ${render(i.problem, 'zh-CN')}`).sort()).toEqual(
      [
        'rubrics[0].items[0].children[0].max 数值过大：应至多 100000',
        'title 类型不符：应为文字，实为空缺（未填写）',
        'units 条目过少：条目数应至少 1',
      ].sort(),
    );
  });

  it('an issue the plan schema cannot raise is "Invalid input"', () => {
    const r = z.union([z.string(), z.number()]).safeParse(true);
    expect(r.success ? null : render(schemaProblem(r.error.issues[0]!), 'en-US')).toBe('Invalid input');
  });
});
