/** SPEC §4 RUBRIC_MISMATCH and SHEET_LAYOUT on sheets built in memory. */
import type { Finding } from '../../src/core/findings';
import { encodeLogRow } from '../../src/core/sheet/log';
import {
  brief,
  cloneSheet,
  evaluate,
  examplePlan,
  filledSheet,
  logText,
  rowOf,
  said,
  setCell,
  textOf,
  type MemSheet,
} from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

const plan = examplePlan();
const base = filledSheet(plan, 'u01');
const noSigners = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.code !== 'SIGNER_MISSING');

async function after(edit: (s: MemSheet) => void, trusted = true): Promise<Finding[]> {
  const s = cloneSheet(base);
  edit(s);
  return noSigners((await evaluate(s, trusted ? plan : null)).findings);
}

const view = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.code}|${f.item ?? ''}|${f.cell ?? ''}`).sort();

describe('RUBRIC_MISMATCH', () => {
  it('the unedited sheet matches', async () => {
    expect(brief(await after(() => undefined))).toEqual([]);
  });

  it('an edited 分值 on a leaf', async () => {
    const fs = await after((s) => setCell(s, 'D7', 6));
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.1|D7']);
    expect(said(fs[0]!)).toBe('与考核细则不符：D7 应为“5”，现为“6”');
  });
  it('an edited 分值 on a section row', async () => {
    expect(view(await after((s) => setCell(s, 'D6', 16)))).toEqual(['RUBRIC_MISMATCH|1|D6']);
  });
  it('分值 typed as the same number in text is a change: typed cells never let a text pass for a number', async () => {
    expect(view(await after((s) => setCell(s, 'D7', '5')))).toEqual(['RUBRIC_MISMATCH|1.1|D7']);
  });
  it('a changed criteria text (what the appraisers score against)', async () => {
    expect(view(await after((s) => setCell(s, 'C7', '宽松的标准')))).toEqual(['RUBRIC_MISMATCH|1.1|C7']);
  });
  it('a changed unit name above the table is UNIT_MISMATCH', async () => {
    expect(view(await after((s) => setCell(s, 'B2', '另一个镇')))).toEqual(['UNIT_MISMATCH||B2']);
  });
  it('a changed rubric title above the table is RUBRIC_MISMATCH', async () => {
    expect(view(await after((s) => setCell(s, 'B3', '旧细则')))).toEqual(['RUBRIC_MISMATCH||B3']);
  });
  it('a veto item given a 分值', async () => {
    expect(view(await after((s) => setCell(s, 'D34', 1)))).toEqual(['RUBRIC_MISMATCH|6.1|D34']);
  });

  it('a missing item (its row deleted)', async () => {
    const fs = await after((s) => s.cells.splice(rowOf(s, '1.2') - 1, 1));
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.2|']);
    expect(said(fs[0]!)).toContain('缺少 1.2“廉政教育与警示教育”');
  });
  it('an extra item', async () => {
    const fs = await after((s) => s.cells.splice(10, 0, ['1.5', '新增项目', '', 1, 1, '完成', '依据', '实地查看']));
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.5|A11']);
  });
  it('a duplicate code (the second occurrence is named)', async () => {
    const fs = await after((s) => s.cells.splice(7, 0, [...s.cells[6]!]));
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.1|A8']);
    expect(said(fs[0]!)).toContain('编号 1.1 出现了不止一次');
  });
  it('a renamed item', async () => {
    expect(view(await after((s) => setCell(s, 'B7', '落实责任制')))).toEqual(['RUBRIC_MISMATCH|1.1|B7']);
  });
  it('a recoded item: the new code is extra, the old one missing', async () => {
    expect(view(await after((s) => setCell(s, 'A7', '1.9')))).toEqual(['RUBRIC_MISMATCH|1.1|', 'RUBRIC_MISMATCH|1.9|A7']);
  });
  it('items out of rubric order', async () => {
    const fs = await after((s) => {
      const [a, b] = [s.cells[6]!, s.cells[7]!];
      s.cells[6] = b;
      s.cells[7] = a;
    });
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.2|A7']);
  });
  it('a changed fingerprint on the sheet', async () => {
    const fs = await after((s) => setCell(s, 'H3', '0123456789abcdef'));
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH||H3']);
    expect(said(fs[0]!)).toContain('0123456789abcdef');
  });
  it('a rubric changed in the trusted plan (the sheet was made from the old one)', async () => {
    const edited = examplePlan((j) => {
      j.rubrics[0].items[0].children[0].criteria += '（修订）';
    });
    const fs = noSigners((await evaluate(cloneSheet(base), edited)).findings);
    // the embedded record, the sheet's fingerprint and the changed criteria text itself
    expect(view(fs)).toEqual(['RUBRIC_MISMATCH|1.1|C7', 'RUBRIC_MISMATCH||', 'RUBRIC_MISMATCH||H3']);
  });
  it('a unit the trusted plan does not have', async () => {
    const fs = await after((s) => setCell(s, 'E2', 'u99'));
    expect(fs.map((f) => f.code)).toContain('UNIT_MISMATCH');
    expect(fs.find((f) => f.code === 'UNIT_MISMATCH')!.cell).toBe('E2');
  });
});

describe('SHEET_LAYOUT', () => {
  it('a renamed column header names the missing column', async () => {
    const fs = await after((s) => setCell(s, 'F5', '完成内容'));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||A5']);
    expect(said(fs[0]!)).toBe('表格结构有误：缺少“完成情况”列');
  });
  it('a renamed 得分 header: no header row at all', async () => {
    const fs = await after((s) => setCell(s, 'E5', '分数'));
    expect(fs.map((f) => f.code)).toEqual(['SHEET_LAYOUT']);
    expect(said(fs[0]!)).toContain('表头');
  });
  it('a deleted column', async () => {
    const fs = await after((s) => {
      for (const r of s.cells) r.splice(6, 1); // 得分/扣分依据
    });
    expect(view(fs)).toEqual(['SHEET_LAYOUT||A5']);
    expect(said(fs[0]!)).toContain('得分/扣分依据');
  });
  it('columns moved are found by title, and reported: the layout is the template’s', async () => {
    const fs = await after((s) => {
      for (const r of s.cells) {
        while (r.length < 13) r.push(null);
        const [f, g] = [r[5]!, r[6]!];
        r[5] = g;
        r[6] = f;
      }
    });
    expect(view(fs)).toEqual(['SHEET_LAYOUT||F5']);
  });
  it('a hidden row inside the table', async () => {
    const fs = await after((s) => (s.hiddenRows = [9]));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||A9']);
    expect(said(fs[0]!)).toContain('第 9 行被隐藏');
  });
  it('a hidden row above the table too: nothing of the sheet may be hidden', async () => {
    expect(view(await after((s) => (s.hiddenRows = [4])))).toEqual(['SHEET_LAYOUT||A4']);
  });
  it('a hidden column (a fake 得分 column can sit in front of a hidden one)', async () => {
    const fs = await after((s) => (s.hiddenColumns = [4]));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||E5']);
  });
  it('merged score cells', async () => {
    const fs = await after((s) => s.merges.push('E7:E8'));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||E7:E8']);
  });
  it('a merge elsewhere in the table too (a merge shows one cell for several)', async () => {
    expect(view(await after((s) => s.merges.push('C7:C8')))).toEqual(['SHEET_LAYOUT||C7:C8']);
  });
  it('the _scoreseal sheet missing: layout error, content still checked against the trusted plan', async () => {
    const fs = await after((s) => {
      s.log = null;
      setCell(s, 'E7', null);
    });
    expect(view(fs)).toEqual(['SCORE_MISSING|1.1|E7', 'SHEET_LAYOUT||']);
    expect(said(fs.find((f) => f.code === 'SHEET_LAYOUT')!)).toContain('_scoreseal');
  });
  it('the _scoreseal sheet missing and no trusted plan: only the layout error', async () => {
    const fs = await after((s) => (s.log = null), false);
    expect(fs.map((f) => f.code)).toEqual(['SHEET_LAYOUT']);
  });
  it('corrupted log JSON names the log row', async () => {
    const fs = await after((s) => {
      const row = s.log![0]!;
      row[1] = textOf(row[1]).slice(0, 100);
    });
    const layout = fs.filter((f) => f.code === 'SHEET_LAYOUT');
    expect(layout.map((f) => f.cell)).toContain('_scoreseal!A1');
    expect(fs.every((f) => f.code === 'SHEET_LAYOUT')).toBe(true);
  });
  it('a signature record that is JSON but not a signature record', async () => {
    const fs = await after((s) => s.log!.push(encodeLogRow('signature', { role: 'scorer', person: 'p01', unit: 'u01', items: ['1.1'] })));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||_scoreseal!A2']);
  });
  it('no unit id above the table', async () => {
    const fs = await after((s) => setCell(s, 'E2', null));
    expect(view(fs)).toEqual(['SHEET_LAYOUT||A2']);
  });
  it('a long record split over several cells reads back whole', async () => {
    const s = cloneSheet(base);
    const text = logText(s.log![0]!);
    s.log![0] = ['plan', ...text.match(/[\s\S]{1,997}/g)!];
    expect(s.log![0].length).toBeGreaterThan(3);
    expect(view(noSigners((await evaluate(s, null)).findings))).toEqual([]);
  });
});
