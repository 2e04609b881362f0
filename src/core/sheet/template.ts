/**
 * A score sheet generated from the plan (SPEC §2), as plain data that each edge renders:
 * ExcelJS for files, Office.js for the open workbook. The layout, validations, locking,
 * conditional formats and the plan record are decided here once.
 */
import type { Locale } from '../i18n/catalog';
import { t } from '../i18n/catalog';
import { formatDecimal } from '../decimal';
import { mayAppraise, maxText, rubricTotalText, shortFingerprint, type CompiledRubric, type Plan } from '../plan/plan';
import type { Period, Person, Unit } from '../plan/schema';
import { addr, colLetter, type CellValue } from './cells';
import {
  COLUMN_KEYS,
  COLUMN_TITLES,
  COLUMN_WIDTHS,
  FIELD_LABELS,
  FOOTER_LABELS,
  VERIFY_METHODS,
  safeSheetName,
  type ColumnKey,
} from './layout';
import { encodeLogRow } from './log';
import { PALETTE } from '../presentation/look';

export type RowKind = 'title' | 'field' | 'note' | 'header' | 'section' | 'leaf' | 'veto' | 'total' | 'adjustedTotal' | 'footer';

export type Validation =
  | {
      readonly range: string;
      readonly type: 'decimal';
      readonly min: number;
      readonly max: number;
      readonly prompt: string;
      readonly error: string;
    }
  | {
      readonly range: string;
      readonly type: 'list';
      readonly values: readonly string[];
      readonly strict: boolean;
      readonly prompt: string;
      /** the alert for another value: a stop for strict lists, information otherwise */
      readonly error: string;
    };

export interface StatusFormat {
  readonly text: string;
  readonly fill: string; // hex RGB without '#'
  readonly font: string;
}

export interface SheetTemplate {
  readonly sheetName: string;
  readonly unitId: string;
  readonly locale: Locale;
  /** the grid from A1; row i is worksheet row i + 1 */
  readonly cells: readonly (readonly CellValue[])[];
  readonly rowKinds: readonly RowKind[];
  readonly headerRow: number;
  readonly firstItemRow: number;
  readonly lastItemRow: number;
  readonly totalRow: number;
  /** the 复核后合计 line (total after re-checks: a plain value, written once re-checks exist) */
  readonly adjustedTotalRow: number;
  /** the cells ScoreSeal derives below the table, A1-style: [row, 0-based col] */
  readonly footerCells: Readonly<Record<'total' | 'adjustedTotal' | 'oversight' | 'sealStatus' | 'sealCode', { row: number; col: number }>>;
  readonly merges: readonly string[];
  readonly columnWidths: readonly number[];
  readonly validations: readonly Validation[];
  /** A1 ranges appraisers type into (unlocked); everything else is locked */
  readonly inputRanges: readonly string[];
  /** range of the 签字状态 column in the item table, for conditional formatting */
  readonly statusRange: string;
  readonly statusFormats: readonly StatusFormat[];
  /** rows 1..headerRow repeat on every printed page */
  readonly printTitleRows: string;
  /** the printed page footer (Excel header/footer codes) */
  readonly footer: string;
  /** the plan record for `_scoreseal` */
  readonly planRecord: PlanRecord;
  readonly planLogRow: readonly string[];
}

/** The `plan` log record: the rubric, the unit and the people who may sign it, as handed out. */
export interface PlanRecord {
  readonly schema: 'scoreseal/plan-record@2';
  readonly planTitle: string;
  readonly locale: Locale;
  readonly signing: 'key' | 'name';
  readonly unit: Unit;
  readonly category: string;
  readonly fingerprint: string;
  readonly rubric: unknown;
  readonly people: readonly Person[];
  readonly period?: Period | undefined;
}

export const NCOLS = COLUMN_KEYS.length;
export const col = (k: ColumnKey): number => COLUMN_KEYS.indexOf(k);

/**
 * People who may sign a unit's sheet: its appraisers (in a group of the rubric, not recused),
 * oversight and Office — and their namesakes, so that a sheet names people (张伟 or
 * 张伟（纪委监察局）) the same way whether it is read against the embedded or the full plan.
 */
export function signersFor(plan: Plan, unit: Unit, rubric: CompiledRubric): Person[] {
  const groups = new Set(rubric.nodes.map((n) => n.group));
  const may = plan.data.people.filter((p) => p.role !== 'appraiser' || [...groups].some((g) => mayAppraise(p, g, unit.id)));
  const names = new Set(may.map((p) => p.name));
  return plan.data.people.filter((p) => may.includes(p) || names.has(p.name));
}

export function buildPlanRecord(plan: Plan, unit: Unit, rubric: CompiledRubric): PlanRecord {
  return {
    schema: 'scoreseal/plan-record@2',
    planTitle: plan.data.title,
    locale: plan.locale,
    signing: plan.data.signing,
    unit,
    category: rubric.data.category,
    fingerprint: rubric.fingerprint,
    rubric: rubric.raw,
    people: signersFor(plan, unit, rubric),
    ...(plan.data.period ? { period: plan.data.period } : {}),
  };
}

/** Templates already built, per plan and unit: a template is a pure function of both, and read-only. */
const TEMPLATES = new WeakMap<Plan, Map<string, SheetTemplate>>();

/** Builds the score sheet of one unit (once per plan and unit: verifying many sheets of one plan builds each unit's once). */
export function buildTemplate(plan: Plan, unitId: string): SheetTemplate {
  let built = TEMPLATES.get(plan);
  if (!built) TEMPLATES.set(plan, (built = new Map<string, SheetTemplate>()));
  let tpl = built.get(unitId);
  if (!tpl) built.set(unitId, (tpl = makeTemplate(plan, unitId)));
  return tpl;
}

/** What a template holds that does not depend on its unit: everything but the row naming the unit, the sheet's name and the plan record. */
type RubricTemplate = Omit<SheetTemplate, 'sheetName' | 'unitId' | 'planRecord' | 'planLogRow'>;

/** Row (0-based) of the fields naming the unit (单位名称, 单位编号, 类别); every other row is the rubric's. */
const UNIT_ROW = 1;

const RUBRIC_TEMPLATES = new WeakMap<Plan, Map<string, RubricTemplate>>();

function makeTemplate(plan: Plan, unitId: string): SheetTemplate {
  const unit = plan.units.get(unitId);
  if (!unit) throw new RangeError(`unit ${unitId} is not in the plan`);
  const rubric = plan.rubrics.get(unit.rubric)!;
  // the rubric's part once per plan and rubric (a county's units share a few rubrics), the unit's row here
  let byRubric = RUBRIC_TEMPLATES.get(plan);
  if (!byRubric) RUBRIC_TEMPLATES.set(plan, (byRubric = new Map<string, RubricTemplate>()));
  let shared = byRubric.get(rubric.data.id);
  if (!shared) byRubric.set(rubric.data.id, (shared = rubricTemplate(plan, rubric)));
  const cells = shared.cells.slice();
  cells[UNIT_ROW] = unitRow(plan.locale, unit, rubric);
  const planRecord = buildPlanRecord(plan, unit, rubric);
  let planLogRow: readonly string[] | undefined;
  return {
    ...shared,
    sheetName: safeSheetName(unit.name),
    unitId: unit.id,
    cells,
    planRecord,
    // the plan record's log row (a JSON text of the whole rubric) only when a sheet is written
    get planLogRow(): readonly string[] {
      return (planLogRow ??= encodeLogRow('plan', planRecord));
    },
  };
}

function unitRow(L: Locale, unit: Unit, rubric: CompiledRubric): CellValue[] {
  const fl = FIELD_LABELS[L];
  const f1 = Array<CellValue>(NCOLS).fill(null);
  [f1[0], f1[1], f1[3], f1[4], f1[6], f1[7]] = [fl.unitName, unit.name, fl.unitId, unit.id, fl.category, rubric.data.category];
  return f1;
}

function rubricTemplate(plan: Plan, rubric: CompiledRubric): RubricTemplate {
  const L = plan.locale;
  const fl = FIELD_LABELS[L];
  const empty = (): CellValue[] => Array<CellValue>(NCOLS).fill(null);
  const rows: CellValue[][] = [];
  const kinds: RowKind[] = [];
  const push = (r: CellValue[], k: RowKind): number => {
    rows.push(r);
    kinds.push(k);
    return rows.length;
  };

  const title = empty();
  title[0] = `${plan.data.title} ${t(L, 'sheet.titleSuffix')}`;
  push(title, 'title');
  push(empty(), 'field'); // the unit's row (UNIT_ROW): filled per unit
  const f2 = empty();
  [f2[0], f2[1], f2[3], f2[4], f2[6], f2[7]] = [
    fl.rubricTitle,
    rubric.data.title,
    fl.rubricId,
    rubric.data.id,
    fl.fingerprint,
    shortFingerprint(rubric.fingerprint),
  ];
  push(f2, 'field');
  const note = empty();
  note[0] = t(L, 'sheet.confidential');
  push(note, 'note');
  const headerRow = push(
    COLUMN_KEYS.map((k) => COLUMN_TITLES[L][k]),
    'header',
  );

  const validations: Validation[] = [];
  const inputRanges: string[] = [];
  const firstItemRow = headerRow + 1;
  for (const n of rubric.nodes) {
    const r = empty();
    r[col('code')] = n.code;
    r[col('item')] = n.name;
    r[col('criteria')] = n.isVeto && !n.criteria ? t(L, 'sheet.vetoHint') : n.criteria;
    const max = maxText(rubric, n);
    if (max) r[col('max')] = Number(max);
    if (n.isLeaf) r[col('status')] = t(L, 'status.empty');
    const row = push(r, !n.isLeaf ? 'section' : n.isVeto ? 'veto' : 'leaf');
    if (n.isLeaf) {
      inputRanges.push(`${addr(row, col('score'))}:${addr(row, col('verifiedBy'))}`);
      validations.push(
        n.isVeto
          ? {
              range: addr(row, col('score')),
              type: 'list',
              values: ['是', '否'],
              strict: true,
              prompt: t(L, 'sheet.vetoHint'),
              error: t(L, 'sheet.listError', { values: '是、否' }),
            }
          : {
              range: addr(row, col('score')),
              type: 'decimal',
              min: 0,
              max: Number(formatDecimal(n.max!)),
              prompt: `0 – ${formatDecimal(n.max!)}`,
              error: t(L, 'sheet.decimalError', { min: 0, max: formatDecimal(n.max!) }),
            },
      );
      validations.push({
        range: addr(row, col('verifiedBy')),
        type: 'list',
        values: VERIFY_METHODS,
        strict: false,
        prompt: VERIFY_METHODS.join('、'),
        error: t(L, 'sheet.listSoft', { values: VERIFY_METHODS.join('、') }),
      });
    }
  }
  const lastItemRow = rows.length;
  const fo = FOOTER_LABELS[L];
  const total = empty();
  total[col('item')] = fo.total;
  total[col('max')] = Number(rubricTotalText(rubric));
  const scoreCol = colLetter(col('score'));
  total[col('score')] = { formula: `=SUM(${scoreCol}${firstItemRow}:${scoreCol}${lastItemRow})` };
  const totalRow = push(total, 'total');
  const adjusted = empty();
  adjusted[col('item')] = fo.adjustedTotal;
  const adjustedTotalRow = push(adjusted, 'adjustedTotal');
  push(empty(), 'footer');
  const footerRows: number[] = [];
  for (const [label, value] of [
    [fo.oversight, null],
    [fo.sealStatus, t(L, 'seal.none')],
    [fo.sealCode, null],
  ] as const) {
    const r = empty();
    r[0] = label;
    r[1] = value;
    footerRows.push(push(r, 'footer'));
  }

  const statusCol = colLetter(col('status'));
  return {
    locale: L,
    cells: rows,
    rowKinds: kinds,
    headerRow,
    firstItemRow,
    lastItemRow,
    totalRow,
    adjustedTotalRow,
    footerCells: {
      total: { row: totalRow, col: col('score') },
      adjustedTotal: { row: adjustedTotalRow, col: col('score') },
      oversight: { row: footerRows[0]!, col: 1 },
      sealStatus: { row: footerRows[1]!, col: 1 },
      sealCode: { row: footerRows[2]!, col: 1 },
    },
    merges: [`A1:${colLetter(NCOLS - 1)}1`, `A4:${colLetter(NCOLS - 1)}4`],
    columnWidths: COLUMN_WIDTHS,
    validations,
    inputRanges,
    statusRange: `${statusCol}${firstItemRow}:${statusCol}${lastItemRow}`,
    statusFormats: [
      // colours: src/core/presentation/look.ts
      { text: t(L, 'status.signed'), ...PALETTE.good },
      { text: t(L, 'status.stale'), ...PALETTE.bad },
      { text: t(L, 'status.needReviewer'), ...PALETTE.neutral },
      { text: t(L, 'status.needScorer'), ...PALETTE.neutral },
    ],
    printTitleRows: `1:${headerRow}`,
    footer: t(L, 'sheet.footer'),
  };
}
