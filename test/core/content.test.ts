/**
 * SPEC §4 content rules on sheets built in memory from the template: every finding with its
 * unit, item, cell and message (zh-CN, or en-US when the plan says so).
 */
import type { Finding, FindingCode } from '../../src/core/findings';
import type { Plan } from '../../src/core/plan/plan';
import type { CellValue } from '../../src/core/sheet/cells';
import {
  COL,
  blankSheet,
  brief,
  cellOf,
  digestOfItem,
  evaluate,
  examplePlan,
  filledSheet,
  rowOf,
  setCell,
  setEntry,
  type MemSheet,
  said,
} from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

const plan = examplePlan();
/** where u01's template puts an item's cell (from the layout, never a literal address) */
const U01_SHEET = blankSheet(plan, 'u01');
const U01 = U01_SHEET.template;
const at = (code: string, col: keyof typeof COL): string => cellOf(U01_SHEET, code, col);
const noSigners = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.code !== 'SIGNER_MISSING');

async function findingsOf(s: MemSheet, p: Plan = plan): Promise<Finding[]> {
  return noSigners((await evaluate(s, p)).findings);
}

/** Findings after one edit of a valid u01 (township) or d01 (department) sheet, SIGNER_MISSING aside. */
async function after(unit: string, edit: (s: MemSheet) => void, p: Plan = plan): Promise<Finding[]> {
  const s = filledSheet(p, unit);
  edit(s);
  return findingsOf(s, p);
}

/** The findings must be exactly these (code, item, cell, severity); returns them in that order. */
function expectExactly(
  fs: readonly Finding[],
  expected: { code: FindingCode; item?: string; cell?: string; severity?: 'error' | 'warning' }[],
): Finding[] {
  const key = (f: { code: string; item?: string | undefined; cell?: string | undefined }): string =>
    `${f.code}|${f.item ?? ''}|${f.cell ?? ''}`;
  expect(fs.map(key).sort()).toEqual(expected.map(key).sort());
  return expected.map((e) => {
    const f = fs.find((x) => key(x) === key(e))!;
    if (e.severity) expect(f.severity).toBe(e.severity);
    return f;
  });
}

describe('a valid filled sheet', () => {
  it('has no findings except the missing signatures: one per leaf, at 考核人, naming both roles', async () => {
    const s = filledSheet(plan, 'u01');
    const r = await evaluate(s, plan);
    const other = noSigners(r.findings);
    expect(brief(other)).toEqual([]);
    const missing = r.findings.filter((f) => f.code === 'SIGNER_MISSING');
    const leaves = plan.rubrics.get('township')!.leaves;
    expect(missing.map((f) => `${f.item}|${f.cell}`)).toEqual(leaves.map((n) => `${n.code}|${cellOf(s, n.code, 'scorer')}`));
    expect(said(missing[0]!)).toBe('1.1“落实党风廉政建设责任制”缺少考核人和复查人签字');
    expect(r.stage).toBe('filling');
  });
});

describe('SCORE_MISSING', () => {
  it('an empty score names unit, item, cell and says so in Chinese', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), null)), [
      { code: 'SCORE_MISSING', item: '1.1', cell: at('1.1', 'score'), severity: 'error' },
    ]);
    expect(f).toEqual({
      severity: 'error',
      code: 'SCORE_MISSING',
      unit: 'u01',
      item: '1.1',
      cell: at('1.1', 'score'),
      messageId: 'SCORE_MISSING',
      params: { item: '1.1', name: '落实党风廉政建设责任制' },
    });
    expect(said(f!)).toBe('1.1“落实党风廉政建设责任制”未填写得分');
  });
  it('whitespace only is empty', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.2', 'score'), '  \u3000 ')), [
      { code: 'SCORE_MISSING', item: '1.2', cell: at('1.2', 'score') },
    ]);
  });
  it('an empty veto item is missing too', async () => {
    expectExactly(await after('u01', (s) => setCell(s, cellOf(s, '6.1', 'score'), null)), [
      { code: 'SCORE_MISSING', item: '6.1', cell: at('6.1', 'score') },
    ]);
  });
});

describe('SCORE_NOT_NUMBER', () => {
  const cases: [string, CellValue][] = [
    ['text', '满分'],
    ['a comma decimal', '4,5'],
    ['a #REF! error value', { error: '#REF!' }],
    ['a boolean', true],
  ];
  it.each(cases)('%s', async (_n, v) => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.3', 'score'), v)), [
      { code: 'SCORE_NOT_NUMBER', item: '1.3', cell: at('1.3', 'score'), severity: 'error' },
    ]);
    expect(said(f!)).toMatch(/^1\.3“信访件办理与案件查处”的得分“.+”不是数字$/);
  });
  it('a formula', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.3', 'score'), { formula: '=2+2' })), [
      { code: 'SCORE_NOT_NUMBER', item: '1.3', cell: at('1.3', 'score'), severity: 'error' },
    ]);
    expect(said(f!)).toMatch(/^1\.3“信访件办理与案件查处”的得分“.+”不是数字$/);
  });
  it('a formula in 完成情况 (text that could turn into a live formula): SHEET_LAYOUT', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.3', 'completion'), { formula: '="已完成"' })), [
      { code: 'SHEET_LAYOUT', item: '1.3', cell: at('1.3', 'completion'), severity: 'error' },
    ]);
  });
  it('names the error value in its message', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.3', 'score'), { error: '#REF!' })), [
      { code: 'SCORE_NOT_NUMBER', item: '1.3', cell: at('1.3', 'score') },
    ]);
    expect(said(f!)).toContain('#REF!');
  });
  it('a veto item takes only 是/否', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('6.2', 'score'), '可能')), [
      { code: 'SCORE_NOT_NUMBER', item: '6.2', cell: at('6.2', 'score') },
    ]);
    expect(said(f!)).toContain('是');
    expect(said(f!)).toContain('可能');
  });
  it.each([
    ['yyyy-mm-dd', 1], // 1900-01-01 (was: counted as 1 point)
    ['m/d/yyyy', 2],
    ['[$-804]yyyy"年"m"月"d"日"', 3],
    ['h:mm', 0.125],
    ['[h]:mm:ss', 1.5],
  ])('a number shown as a date or time (%s): SCORE_NOT_NUMBER naming the format, no second finding for the cell', async (fmt, v) => {
    const [f] = expectExactly(
      await after('u01', (s) => {
        setCell(s, at('1.3', 'score'), v);
        s.formats = [];
        (s.formats[8] ??= [])[4] = fmt;
      }),
      [{ code: 'SCORE_NOT_NUMBER', item: '1.3', cell: at('1.3', 'score'), severity: 'error' }],
    );
    expect(said(f!)).toContain(fmt);
    expect(said(f!)).toContain('日期');
  });
  it('a number with a plain number format is still a number (a layout finding, not SCORE_NOT_NUMBER)', async () => {
    const fs = await after('u01', (s) => {
      setCell(s, at('1.3', 'score'), 1);
      s.formats = [];
      (s.formats[8] ??= [])[4] = '0.00';
    });
    expect(fs.map((f) => f.code)).toEqual(['SHEET_LAYOUT']);
  });
  it('a number is not a veto answer', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('6.2', 'score'), 0)), [
      { code: 'SCORE_NOT_NUMBER', item: '6.2', cell: at('6.2', 'score') },
    ]);
  });
});

describe('SCORE_NORMALISED (full-width digits)', () => {
  const digestOf = async (score: CellValue): Promise<string> => {
    const s = filledSheet(plan, 'u01');
    setCell(s, at('1.1', 'score'), score);
    const r = await evaluate(s, plan);
    return digestOfItem(r.items.find((i) => i.content.node.code === '1.1')!);
  };

  it('reads "４.５" as 4.5 with a warning, and signs the same digest as 4.5', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), '４.５')), [
      { code: 'SCORE_NORMALISED', item: '1.1', cell: at('1.1', 'score'), severity: 'warning' },
    ]);
    expect(said(f!)).toContain('４.５');
    expect(said(f!)).toContain('“4.5”');
    expect(await digestOf('４.５')).toBe(await digestOf(4.5));
  });
  it('reads the full-width full stop too ("４．５")', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), '４．５')), [
      { code: 'SCORE_NORMALISED', item: '1.1', cell: at('1.1', 'score') },
    ]);
    expect(await digestOf('４．５')).toBe(await digestOf(4.5));
  });
  it('a number typed as text is no warning and the same digest ("4.50" = 4.5)', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), ' 4.50 ')), []);
    expect(await digestOf(' 4.50 ')).toBe(await digestOf(4.5));
  });
  it('a different score is a different digest', async () => {
    expect(await digestOf(4)).not.toBe(await digestOf(4.5));
  });
  it('still checks the range of the normalised number', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), '６')), [
      { code: 'SCORE_NORMALISED', item: '1.1', cell: at('1.1', 'score'), severity: 'warning' },
      { code: 'SCORE_OUT_OF_RANGE', item: '1.1', cell: at('1.1', 'score'), severity: 'error' },
    ]);
  });
});

describe('SCORE_OUT_OF_RANGE and SCORE_STEP', () => {
  it.each([5.5, -0.5, '-1', 100])('%p is outside 0–5', async (v) => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), v)), [
      { code: 'SCORE_OUT_OF_RANGE', item: '1.1', cell: at('1.1', 'score'), severity: 'error' },
    ]);
    expect(said(f!)).toContain('0～5');
  });
  it('0 and max are inside', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), 0)), []);
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), 5)), []);
  });
  it.each([4.3, 0.25, '2.75', 4.999999])('%p is not a multiple of 0.5', async (v) => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), v)), [
      { code: 'SCORE_STEP', item: '1.1', cell: at('1.1', 'score'), severity: 'error' },
    ]);
    expect(said(f!)).toContain('0.5');
  });
  it('decimals binary floating point cannot hold exactly still count in steps (step 0.1: 0.3, 4.7)', async () => {
    const p = examplePlan((j) => {
      j.rubrics[0].step = 0.1;
    });
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), 0.3), p), []);
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), 4.7), p), []);
    expectExactly(await after('u01', (s) => setCell(s, at('1.1', 'score'), 4.75), p), [
      { code: 'SCORE_STEP', item: '1.1', cell: at('1.1', 'score') },
    ]);
  });
});

describe('COMPLETION_MISSING, BASIS_MISSING, VERIFIED_BY_*', () => {
  it('COMPLETION_MISSING at 完成情况', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('2.1', 'completion'), ' ')), [
      { code: 'COMPLETION_MISSING', item: '2.1', cell: at('2.1', 'completion'), severity: 'error' },
    ]);
    expect(said(f!)).toBe('2.1“文明村镇创建”未填写完成情况');
  });

  describe('basisRequired "deduction" (township): basis only when score < max', () => {
    it('full marks without basis is fine', async () => {
      expectExactly(await after('u01', (s) => setEntry(s, '1.1', { score: 5, basis: null })), []);
    });
    it('a deduction without basis is BASIS_MISSING', async () => {
      const [f] = expectExactly(await after('u01', (s) => setEntry(s, '1.1', { score: 4.5, basis: null })), [
        { code: 'BASIS_MISSING', item: '1.1', cell: at('1.1', 'basis') },
      ]);
      expect(said(f!)).toBe('1.1“落实党风廉政建设责任制”未填写得分/扣分依据');
    });
    it('a triggered veto (是) needs a basis; 否 does not', async () => {
      expectExactly(await after('u01', (s) => setEntry(s, '6.1', { score: '是', basis: null })), [
        { code: 'BASIS_MISSING', item: '6.1', cell: at('6.1', 'basis') },
      ]);
      expectExactly(await after('u01', (s) => setEntry(s, '6.1', { score: '否', basis: null })), []);
    });
  });

  describe('basisRequired "always" (department)', () => {
    it('full marks without basis is BASIS_MISSING', async () => {
      const s = filledSheet(plan, 'd01');
      const row = rowOf(s, '1.1');
      setEntry(s, '1.1', { score: 5, basis: '' });
      expectExactly(await findingsOf(s), [{ code: 'BASIS_MISSING', item: '1.1', cell: `G${row}` }]);
    });
  });

  it('VERIFIED_BY_MISSING at 核实方式', async () => {
    expectExactly(await after('u01', (s) => setCell(s, at('3.1', 'verifiedBy'), null)), [
      { code: 'VERIFIED_BY_MISSING', item: '3.1', cell: at('3.1', 'verifiedBy'), severity: 'error' },
    ]);
  });
  it('VERIFIED_BY_UNKNOWN names the unknown method', async () => {
    const [f] = expectExactly(await after('u01', (s) => setCell(s, at('3.1', 'verifiedBy'), '实地查看、拍脑袋')), [
      { code: 'VERIFIED_BY_UNKNOWN', item: '3.1', cell: at('3.1', 'verifiedBy'), severity: 'error' },
    ]);
    expect(said(f!)).toContain('拍脑袋');
    expect(said(f!)).not.toContain('“实地查看、');
  });
  it.each(['资料审核', 'materials', '资料审核、资料审核'])('MATERIALS_ONLY (warning) for %p', async (v) => {
    expectExactly(await after('u01', (s) => setCell(s, at('3.1', 'verifiedBy'), v)), [
      { code: 'MATERIALS_ONLY', item: '3.1', cell: at('3.1', 'verifiedBy'), severity: 'warning' },
    ]);
  });
  it.each(['资料审核、座谈走访', '资料审核，实地查看', 'on-site', '部门数据'])('no warning for %p', async (v) => {
    expectExactly(await after('u01', (s) => setCell(s, at('3.1', 'verifiedBy'), v)), []);
  });
});

describe('LENIENT_SHEET (≥ 90% of scored leaves at full marks)', () => {
  const leaves = plan.rubrics.get('township')!.leaves.filter((n) => !n.isVeto);
  const full = (s: MemSheet, codes: readonly string[]): void => {
    for (const n of leaves) if (codes.includes(n.code)) setCell(s, cellOf(s, n.code, 'score'), Number(n.max!.digits) / 10 ** n.max!.scale);
  };
  it('all full marks: one sheet-level warning, no item, no cell', async () => {
    const fs = await after('u01', (s) =>
      full(
        s,
        leaves.map((n) => n.code),
      ),
    );
    const [f] = expectExactly(fs, [{ code: 'LENIENT_SHEET', severity: 'warning' }]);
    expect(f!.unit).toBe('u01');
    expect(said(f!)).toContain('22/22');
  });
  it('exactly 90% warns; just under does not (items with errors do not count as scored)', async () => {
    // 22 scored leaves; two made invalid → 20 scored; 18 at full marks = 90%
    const codes = leaves.map((n) => n.code);
    const at90 = await after('u01', (s) => {
      full(s, codes.slice(0, 18));
      setCell(s, cellOf(s, codes[20]!, 'completion'), null);
      setCell(s, cellOf(s, codes[21]!, 'completion'), null);
      setCell(s, cellOf(s, codes[18]!, 'score'), 0);
      setCell(s, cellOf(s, codes[19]!, 'score'), 0);
    });
    expect(at90.filter((f) => f.code === 'LENIENT_SHEET')).toHaveLength(1);
    expect(said(at90.find((f) => f.code === 'LENIENT_SHEET')!)).toContain('18/20');
    const under = await after('u01', (s) => {
      full(s, codes.slice(0, 17));
      setCell(s, cellOf(s, codes[20]!, 'completion'), null);
      setCell(s, cellOf(s, codes[21]!, 'completion'), null);
      for (const c of codes.slice(17, 20)) setCell(s, cellOf(s, c, 'score'), 0);
    });
    expect(under.filter((f) => f.code === 'LENIENT_SHEET')).toEqual([]);
  });
});

describe('messages follow the plan locale', () => {
  const en = examplePlan((j) => {
    j.locale = 'en-US';
  });
  it('en-US: English headers on the template and English messages', async () => {
    const s = filledSheet(en, 'u01');
    expect(s.cells[4]!.slice(0, 5)).toEqual(['Code', 'Item', 'Criteria', 'Max', 'Score']);
    setCell(s, at('1.1', 'score'), null);
    setCell(s, at('1.2', 'verifiedBy'), '资料审核');
    const fs = await findingsOf(s, en);
    const [missing, materials] = expectExactly(fs, [
      { code: 'SCORE_MISSING', item: '1.1', cell: at('1.1', 'score') },
      { code: 'MATERIALS_ONLY', item: '1.2', cell: at('1.2', 'verifiedBy') },
    ]);
    expect(said(missing!, 'en-US')).toBe('1.1 "落实党风廉政建设责任制" has no score');
    expect(said(materials!, 'en-US')).toMatch(/verified from materials alone/);
  });
  it("an English-header sheet is read with a zh-CN plan too (its labels are not the plan's template), messages stay Chinese", async () => {
    const s = filledSheet(en, 'u01');
    setCell(s, at('1.1', 'score'), null);
    // the template's fingerprint is of the same rubric (locale is not part of it)
    const fs = await findingsOf(s, plan);
    const missing = fs.filter((f) => f.code === 'SCORE_MISSING');
    expect(missing.map((f) => f.cell)).toEqual([at('1.1', 'score')]);
    expect(said(missing[0]!)).toBe('1.1“落实党风廉政建设责任制”未填写得分');
    // every other finding is about the labels and texts of another language's template
    expect(new Set(fs.filter((f) => f.code !== 'SCORE_MISSING').map((f) => f.code))).toEqual(
      new Set(['SHEET_LAYOUT', 'RUBRIC_MISMATCH', 'DERIVED_CELL_CHANGED']),
    );
    expect(said(fs.find((f) => f.cell === `A${U01.headerRow}`)!)).toContain('编号');
  });
  it('zh-CN messages carry no untranslated English and en-US none of the catalog Chinese', async () => {
    const edit = (s: MemSheet): void => {
      setCell(s, at('1.1', 'score'), 9);
      setCell(s, at('1.2', 'completion'), null);
      setCell(s, at('1.3', 'score'), 0.25);
      setCell(s, at('1.4', 'verifiedBy'), '猜测');
    };
    const zh = await after('u01', edit);
    const english = await after('u01', edit, en);
    expect(zh.map((f) => f.code)).toEqual(english.map((f) => f.code));
    expect(zh).toHaveLength(4);
    for (const f of zh) expect(said(f)).not.toMatch(/\b(score|item|basis|missing)\b/i);
    for (const f of english) expect(said(f, 'en-US').replace(/“[^”]*”|"[^"]*"/g, '')).not.toMatch(/[未得分超出]/);
  });
});
