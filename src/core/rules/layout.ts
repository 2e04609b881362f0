/**
 * What the reader sees is what was signed (SPEC §3 *Derived cells*, *What the reader sees*).
 * The sheet is compared, cell by cell, with the template the trusted plan generates:
 *
 * - template cells (title, the fields above the table, the headers, 编号 / 考核项目 /
 *   考核内容及评分标准 / 分值, the footer labels) must hold the plan's values —
 *   `UNIT_MISMATCH` for the unit's fields, `RUBRIC_MISMATCH` for the rubric's, `SHEET_LAYOUT`
 *   for labels;
 * - derived cells must hold what the log says (`DERIVED_CELL_CHANGED`, naming the cell and the
 *   expected text); 签字状态 only once the sample froze the content (while appraisers type, the
 *   pane's 核查 brings it up to date);
 * - input cells (得分, 完成情况, 得分/扣分依据, 核实方式) are the content rules' business;
 * - everything else, and anything outside the template, must be empty;
 * - no formula in the item table, no hidden row or column, no merge but the template's, and
 *   numbers shown through General (a custom format can show 4 as 10): `SHEET_LAYOUT`.
 *
 * Cells are compared as typed canonical cells, so the text "=SUM(…)" never passes for the formula.
 */
import type { FindingCode } from '../findings';
import { msg, type MessageId } from '../i18n/catalog';
import { addr, colLetter, isFormula, typedCell, type CellValue } from '../sheet/cells';
import { COLUMN_KEYS, FIELD_KEYS, FIELD_LABELS, INPUT_COLUMNS, type ColumnKey, type FieldKey } from '../sheet/layout';
import { isDateFormat, isGeneral, isPlainDateFormat, isText } from '../sheet/numfmt';
import type { RowKind, SheetTemplate } from '../sheet/template';
import type { RawSheet } from '../sheet/parse';
import type { FindingSink, SheetContext } from './context';
import type { DerivedCell } from './derived';

/** At most this many cell findings of one kind are listed; the rest are counted in one more. */
const MAX_CELL_FINDINGS = 20;

const UNIT_FIELDS: ReadonlySet<FieldKey> = new Set(['unitName', 'unitId', 'category']);

/** A typed canonical cell as a message quotes it. */
function shown(v: CellValue): string {
  if (v === null || v === '') return '∅';
  if (isFormula(v)) return v.formula;
  const text = typedCell(v).slice(2);
  const chars = [...text];
  return chars.length > 32 ? `${chars.slice(0, 31).join('')}…` : text;
}

export interface LayoutInput {
  readonly tpl: SheetTemplate;
  readonly derived: readonly DerivedCell[];
  /** compare 签字状态 too (the content is frozen by a sample) */
  readonly statusFrozen: boolean;
  /** the item rows line up with the template's (else only the rows above and the footer are compared) */
  readonly rowsAligned: boolean;
  /** first non-empty cell beyond the columns a reader keeps, when the edge reports one */
  readonly outside?: string | undefined;
}

export function checkLayout(ctx: SheetContext, input: LayoutInput, sink: FindingSink): void {
  const { sheet } = ctx;
  const raw = sheet.raw;
  const { tpl } = input;
  const counts = new Map<string, number>();
  const report = (code: FindingCode, id: MessageId, params: Record<string, string | number>, cell: string, item?: string): void => {
    const key = `${code}\u0000${id}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > MAX_CELL_FINDINGS) return;
    sink.error(code, { cell, ...(item ? { item } : {}), params: { detail: msg(id, { cell, ...params }) } });
  };

  if (sheet.headerRow !== tpl.headerRow) {
    report('SHEET_LAYOUT', 'detail.headerMoved', { found: sheet.headerRow, expected: tpl.headerRow }, addr(sheet.headerRow, 0));
    return;
  }
  for (let c = 0; c < COLUMN_KEYS.length; c++)
    if (sheet.columns[COLUMN_KEYS[c]!] !== c) {
      report('SHEET_LAYOUT', 'detail.columnsMoved', {}, addr(tpl.headerRow, c));
      return;
    }

  // derived cells by the template's row; when items were added or removed the footer lines
  // are compared where they now stand (the structure findings explain the table itself)
  // keyed by row × 16384 + column (a sheet has 16,384 columns): no string made per cell looked up
  const derived = new Map(input.derived.map((d) => [d.row * 16384 + d.col, d]));
  const formats = raw.formats ?? [];
  const offset = input.rowsAligned ? 0 : sheet.lastTableRow - tpl.lastItemRow;
  const covered = new Set<number>();
  const compareRow = (tplRow: number, row: number): void => {
    covered.add(row);
    const kind = tpl.rowKinds[tplRow - 1]!;
    const itemRow = kind === 'section' || kind === 'leaf' || kind === 'veto';
    const code = itemRow ? tpl.cells[tplRow - 1]?.[0] : undefined;
    const item = typeof code === 'string' ? code : undefined;
    const line = raw.cells[row - 1] ?? [];
    const expectedLine = tpl.cells[tplRow - 1] ?? [];
    const width = Math.max(line.length, COLUMN_KEYS.length);
    const lineFormats = formats[row - 1];
    // (a cell's address is only spelled out for a finding; equal values are equal typed cells)
    for (let c = 0; c < width; c++) {
      const actual = line[c] ?? null;
      const key: ColumnKey | undefined = COLUMN_KEYS[c];
      if (!key) {
        if (typedCell(actual) !== '') report('SHEET_LAYOUT', 'detail.outsideCell', { value: shown(actual) }, addr(row, c));
        continue;
      }
      // (a formula in 得分 is the content rules' SCORE_NOT_NUMBER)
      if (itemRow && isFormula(actual) && !(key === 'score' && kind !== 'section'))
        report('SHEET_LAYOUT', 'detail.formulaInTable', { value: shown(actual) }, addr(row, c), item);
      const badFormat = formatProblem(actual, lineFormats?.[c] ?? null, key, kind);
      if (badFormat) report('SHEET_LAYOUT', 'detail.numberFormat', { format: badFormat.format }, addr(row, c), item);
      const d = derived.get(tplRow * 16384 + c);
      if (d) {
        if (d.key === 'status' && !input.statusFrozen) continue;
        if (actual !== d.value && typedCell(actual) !== typedCell(d.value))
          report('DERIVED_CELL_CHANGED', 'detail.derivedCell', { found: shown(actual), expected: shown(d.value) }, addr(row, c), d.item);
        continue;
      }
      if ((kind === 'leaf' || kind === 'veto') && INPUT_COLUMNS.includes(key)) continue;
      const expected = expectedLine[c] ?? null;
      if (actual === expected || typedCell(actual) === typedCell(expected)) continue;
      const [code2, id] = mismatchKind(kind, key, tplRow, c, tpl, expected === null);
      report(code2, id, { found: shown(actual), expected: shown(expected) }, addr(row, c), item);
    }
  };
  for (let r = 1; r <= tpl.cells.length; r++) {
    const kind = tpl.rowKinds[r - 1];
    const itemRow = kind === 'section' || kind === 'leaf' || kind === 'veto';
    if (itemRow && !input.rowsAligned) continue;
    compareRow(r, r > tpl.lastItemRow ? r + offset : r);
  }
  if (!input.rowsAligned) for (let r = sheet.headerRow + 1; r <= sheet.lastTableRow; r++) covered.add(r);
  // anything else on the sheet lies outside the score sheet
  raw.cells.forEach((line, i) => {
    if (covered.has(i + 1)) return;
    line.forEach((v, c) => {
      if (typedCell(v) !== '') report('SHEET_LAYOUT', 'detail.outsideCell', { value: shown(v) }, addr(i + 1, c));
    });
  });
  const rows = Math.max(tpl.cells.length + offset, raw.cells.length);

  // the total line shows what its formula computed when the file was saved: a forged cached
  // value (with calculation set to manual, Excel shows it as it is) must be the scores' sum
  const totalAt = tpl.footerCells.total;
  const total = raw.cells[totalAt.row + offset - 1]?.[totalAt.col] ?? null;
  if (isFormula(total) && typeof total.result !== 'undefined' && total.result !== null) {
    const sum = scoreSum(raw, tpl.firstItemRow, sheet.lastTableRow, sheet.columns.score);
    if (typeof total.result !== 'number' || Math.abs(total.result - sum) > 1e-9 * Math.max(1, Math.abs(sum)))
      report(
        'DERIVED_CELL_CHANGED',
        'detail.totalShown',
        { found: String(total.result), expected: String(sum) },
        addr(totalAt.row + offset, totalAt.col),
      );
  }
  if (raw.visibility && raw.visibility !== 'visible') report('SHEET_LAYOUT', 'detail.sheetHidden', { sheet: raw.name }, 'A1');
  for (const cf of raw.conditionalFormats ?? [])
    if (cf.numberFormat) report('SHEET_LAYOUT', 'detail.conditionalNumberFormat', { range: cf.range }, cf.range.split(/[\s:]/)[0] ?? 'A1');
  if (raw.drawings) report('SHEET_LAYOUT', 'detail.drawings', { count: raw.drawings }, 'A1');
  for (const h of raw.hiddenRows ?? []) if (h <= rows) report('SHEET_LAYOUT', 'detail.hiddenRow', { row: h }, `A${h}`);
  for (const h of raw.hiddenColumns ?? [])
    if (h < COLUMN_KEYS.length) report('SHEET_LAYOUT', 'detail.hiddenColumn', { column: colLetter(h) }, `${colLetter(h)}${tpl.headerRow}`);
  const allowed = new Set(tpl.merges);
  for (const m of raw.merges ?? []) if (!allowed.has(m)) report('SHEET_LAYOUT', 'detail.extraMerge', { range: m }, m);
  if (input.outside) report('SHEET_LAYOUT', 'detail.outsideCell', { value: '…' }, input.outside);

  for (const [key, n] of counts)
    if (n > MAX_CELL_FINDINGS) {
      const [code] = key.split('\u0000') as [FindingCode];
      sink.error(code, { params: { detail: msg('detail.moreCells', { count: n - MAX_CELL_FINDINGS }) } });
    }
}

/** The sum of the numbers in the score column over the item rows (what the total's SUM computes). */
function scoreSum(raw: RawSheet, firstRow: number, lastRow: number, col: number): number {
  let sum = 0;
  for (let r = firstRow; r <= lastRow; r++) {
    const v = raw.cells[r - 1]?.[col];
    if (typeof v === 'number') sum += v;
  }
  return sum;
}

/** Which finding a template cell that differs gives. */
function mismatchKind(
  kind: RowKind | 'outside',
  key: ColumnKey | undefined,
  row: number,
  col: number,
  tpl: SheetTemplate,
  emptyExpected: boolean,
): [FindingCode, MessageId] {
  const rubricColumn = key === 'code' || key === 'item' || key === 'criteria' || key === 'max';
  if (emptyExpected && !((kind === 'section' || kind === 'leaf' || kind === 'veto' || kind === 'total') && rubricColumn))
    return ['SHEET_LAYOUT', 'detail.mustBeEmpty'];
  switch (kind) {
    case 'title':
      return ['RUBRIC_MISMATCH', 'detail.templateCell'];
    case 'field': {
      // labels sit in columns A, D, G; their values right of them
      if (col % 3 === 0) return ['SHEET_LAYOUT', 'detail.labelCell'];
      const field = fieldAt(tpl, row, col);
      return field && UNIT_FIELDS.has(field) ? ['UNIT_MISMATCH', 'detail.templateCell'] : ['RUBRIC_MISMATCH', 'detail.templateCell'];
    }
    case 'section':
    case 'leaf':
    case 'veto':
      return rubricColumn ? ['RUBRIC_MISMATCH', 'detail.templateCell'] : ['SHEET_LAYOUT', 'detail.mustBeEmpty'];
    case 'total':
      return key === 'max' ? ['RUBRIC_MISMATCH', 'detail.templateCell'] : ['SHEET_LAYOUT', 'detail.labelCell'];
    default:
      return ['SHEET_LAYOUT', 'detail.labelCell'];
  }
}

/** The field whose value the template puts at (row, col): the one labelled just left of it. */
function fieldAt(tpl: SheetTemplate, row: number, col: number): FieldKey | undefined {
  const label = tpl.cells[row - 1]?.[col - 1];
  return FIELD_KEYS.find((k) => FIELD_LABELS[tpl.locale][k] === label);
}

/**
 * Numbers are shown through General (a date format is allowed in the free-text input columns,
 * where a typed date is plausible content); texts through General or '@'.
 */
function formatProblem(v: CellValue, fmt: string | null, key: ColumnKey | undefined, kind: RowKind | 'outside'): { format: string } | null {
  if (v === null || v === '' || isGeneral(fmt)) return null;
  if (typeof v === 'string') return isText(fmt) ? null : { format: fmt ?? '' };
  const freeText = (kind === 'leaf' || kind === 'veto') && (key === 'completion' || key === 'basis' || key === 'verifiedBy');
  if (typeof v === 'number' && freeText && isPlainDateFormat(fmt)) return null;
  // a score shown as a date is the content rules' SCORE_NOT_NUMBER (one finding for one cell)
  if (typeof v === 'number' && kind === 'leaf' && key === 'score' && isDateFormat(fmt)) return null;
  return { format: fmt ?? '' };
}
