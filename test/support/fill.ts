/**
 * Fills a score workbook the way a person types into Excel: only the four input columns,
 * with plain ExcelJS (no ScoreSeal code touches the file), then saves it.
 */
import ExcelJS from 'exceljs';

export interface Entry {
  score?: string | number | null;
  completion?: string;
  basis?: string;
  verifiedBy?: string;
}

const TITLES = {
  code: '编号',
  score: '得分',
  completion: '完成情况',
  basis: '得分/扣分依据',
  verifiedBy: '核实方式',
  max: '分值',
  criteria: '考核内容及评分标准',
} as const;

export interface RowInfo {
  code: string;
  max: number | null;
  row: number;
  isLeaf: boolean;
}

/** Calls `entry(row)` for every item row of every score sheet and types what it returns. */
export async function fillWorkbook(file: string, entry: (r: RowInfo, sheet: string) => Entry | null, out = file): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    if (ws.name === '_scoreseal') continue;
    let header = 0;
    const cols: Record<string, number> = {};
    ws.eachRow((row, n) => {
      if (header) return;
      const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      if (values.includes(TITLES.code) && values.includes(TITLES.score)) {
        header = n;
        for (const [k, title] of Object.entries(TITLES)) cols[k] = values.indexOf(title);
      }
    });
    if (!header) continue;
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const code = row.getCell(cols.code!).value;
      // item codes only (1, 1.2, …): the footer labels below the table are not items
      if (typeof code !== 'string' || !/^\d+(\.\d+)*$/.test(code)) continue;
      const next = ws.getRow(r + 1).getCell(cols.code!).value;
      const isLeaf = !(typeof next === 'string' && next.startsWith(`${code}.`));
      const maxV = row.getCell(cols.max!).value;
      const e = entry({ code, max: typeof maxV === 'number' ? maxV : null, row: r, isLeaf }, ws.name);
      if (!e) continue;
      for (const k of ['score', 'completion', 'basis', 'verifiedBy'] as const) {
        if (e[k] !== undefined) row.getCell(cols[k]!).value = e[k];
      }
    }
  }
  await wb.xlsx.writeFile(out);
}

/** A complete, plausible entry for an item: full marks minus a deterministic deduction. */
export function goodEntry(r: RowInfo, seed = 0): Entry | null {
  if (!r.isLeaf) return null;
  if (r.max === null) return { score: '否', completion: '经查未发生', basis: '查阅事故台账与信访记录', verifiedBy: '实地查看、部门数据' };
  const h = [...r.code].reduce((a, c) => a * 31 + c.charCodeAt(0), seed) >>> 0;
  const deduction = (h % 3) * 0.5;
  const score = Math.max(0, r.max - deduction);
  return {
    score,
    completion: `${r.code} 项任务已按计划完成，台账齐全`,
    basis: deduction ? `抽查发现 ${deduction * 2} 处记录不完整，扣 ${deduction} 分` : '对照细则逐条核实，无扣分情形',
    verifiedBy: h % 4 === 0 ? '资料审核、座谈走访' : '实地查看、资料审核',
  };
}
