/**
 * The Office's setup workbook (SPEC §1) → plan JSON. Sheets and headers in Chinese, English
 * accepted. Every problem names the sheet and cell; the result is validated by `loadPlan`,
 * whose JSON-path issues are mapped back to cells.
 */
import { canonCell, addr, type CellValue } from '../sheet/cells';
import { msg, type Message, type MessageId, type Params } from '../i18n/catalog';
import { loadPlan, type Plan } from './plan';
import { table } from '../lookup';

/** A problem of the setup workbook: where it is, and a message of the catalog (`setup.*`, `plan.*`). */
export interface SetupIssue {
  /** "细则!F12" or "人员" */
  readonly where: string;
  readonly problem: Message;
}

const issue = (where: string, id: MessageId, params?: Params): SetupIssue => ({ where, problem: msg(id, params) });

export type SetupResult = { ok: true; plan: Plan; json: Record<string, unknown> } | { ok: false; issues: SetupIssue[] };

type Tables = Readonly<Record<string, readonly (readonly CellValue[])[]>>;

/** Sheet names: [zh, en]. */
export const SETUP_SHEETS = {
  settings: ['设置', 'Settings'],
  rubrics: ['细则设置', 'Rubrics'],
  items: ['细则', 'Items'],
  people: ['人员', 'People'],
  units: ['单位', 'Units'],
} as const;

export const SETUP_COLUMNS = {
  settings: { key: ['项目', 'Key'], value: ['值', 'Value'] },
  rubrics: {
    id: ['细则编号', 'ID'],
    title: ['细则名称', 'Title'],
    category: ['类别', 'Category'],
    step: ['分值步长', 'Step'],
    sampleRatio: ['复核比例', 'Sample ratio'],
    basisRequired: ['依据要求', 'Basis required'],
    grades: ['等次', 'Grades'],
    quotas: ['名额限制', 'Quotas'],
    vetoGrade: ['否决等次', 'Veto grade'],
  },
  items: {
    rubric: ['细则编号', 'Rubric'],
    code: ['编号', 'Code'],
    parent: ['上级编号', 'Parent'],
    name: ['考核项目', 'Item'],
    criteria: ['考核内容及评分标准', 'Criteria'],
    max: ['分值', 'Max'],
    mode: ['方式', 'Mode'],
    group: ['考核组', 'Group'],
  },
  people: {
    id: ['编号', 'ID'],
    name: ['姓名', 'Name'],
    dept: ['单位', 'Department'],
    role: ['角色', 'Role'],
    groups: ['考核组', 'Groups'],
    recuse: ['回避单位', 'Recuse'],
    publicKey: ['公钥', 'Public key'],
  },
  units: { id: ['编号', 'ID'], name: ['名称', 'Name'], rubric: ['细则编号', 'Rubric'] },
} as const;

const SETTING_KEYS = { title: ['考核名称', 'Title'], locale: ['语言', 'Locale'], signing: ['签字方式', 'Signing'] } as const;
const MODE_WORDS = table({ 加分: 'award', 扣分: 'deduct', 否决: 'veto', award: 'award', deduct: 'deduct', veto: 'veto' });
const ROLE_WORDS = table({
  考核人员: 'appraiser',
  监审人员: 'oversight',
  监审组: 'oversight',
  办公室: 'office',
  appraiser: 'appraiser',
  oversight: 'oversight',
  office: 'office',
});
const BASIS_WORDS = table({ 每项: 'always', 扣分时: 'deduction', always: 'always', deduction: 'deduction' });
const SIGNING_WORDS = table({ 密钥: 'key', 姓名: 'name', key: 'key', name: 'name' });
const LIST_SEP = /[、，,;；\s]+/;

interface Table {
  readonly sheet: string;
  readonly rows: readonly (readonly CellValue[])[];
  readonly cols: ReadonlyMap<string, number>;
}

function findSheet(tables: Tables, names: readonly string[]): string | null {
  const keys = Object.keys(tables);
  for (const n of names) {
    const k = keys.find((x) => x.trim().toLowerCase() === n.toLowerCase());
    if (k) return k;
  }
  return null;
}

function readTable<K extends string>(
  tables: Tables,
  names: readonly string[],
  columns: Record<K, readonly string[]>,
  required: readonly K[],
  issues: SetupIssue[],
): Table | null {
  const sheet = findSheet(tables, names);
  if (!sheet) {
    issues.push(issue(names.join(' / '), 'setup.missingSheet', { sheet: names.join(' / ') }));
    return null;
  }
  const rows = tables[sheet] ?? [];
  const header = rows[0] ?? [];
  const cols = new Map<string, number>();
  header.forEach((c, i) => {
    const text = canonCell(c).toLowerCase();
    for (const [key, titles] of Object.entries(columns) as [K, readonly string[]][])
      if (titles.some((t) => t.toLowerCase() === text) && !cols.has(key)) cols.set(key, i);
  });
  for (const k of required)
    if (!cols.has(k)) issues.push(issue(`${sheet}!A1`, 'setup.missingColumn', { column: (columns[k] as readonly string[]).join(' / ') }));
  return { sheet, rows: rows.slice(1), cols };
}

const get = (t: Table, row: readonly CellValue[], key: string): CellValue => {
  const i = t.cols.get(key);
  return i === undefined ? null : (row[i] ?? null);
};
const text = (t: Table, row: readonly CellValue[], key: string): string => canonCell(get(t, row, key));
const cellAt = (t: Table, rowIndex: number, key: string): string => `${t.sheet}!${addr(rowIndex + 2, t.cols.get(key) ?? 0)}`;

function num(t: Table, row: readonly CellValue[], rowIndex: number, key: string, issues: SetupIssue[]): number | undefined {
  const v = get(t, row, key);
  if (v === null || canonCell(v) === '') return undefined;
  const n = typeof v === 'number' ? v : Number(canonCell(v));
  if (!Number.isFinite(n)) {
    issues.push(issue(cellAt(t, rowIndex, key), 'setup.notNumber', { value: canonCell(v) }));
    return undefined;
  }
  return n;
}

function pairs(s: string, where: string, issues: SetupIssue[]): { name: string; value: number }[] {
  if (!s) return [];
  return s
    .split(/[、，,;；]+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => {
      const m = /^(.+?)\s*[:：]\s*([\d.]+)$/.exec(p);
      if (!m) {
        issues.push(issue(where, 'setup.pair', { value: p }));
        return [];
      }
      return [{ name: m[1]!.trim(), value: Number(m[2]) }];
    });
}

const isBlank = (row: readonly CellValue[]): boolean => row.every((c) => canonCell(c) === '');

/** Converts the setup workbook's tables (sheet name → cells from A1) to a checked plan. */
export function setupToPlan(tables: Tables): SetupResult {
  const issues: SetupIssue[] = [];
  const C = SETUP_COLUMNS;
  const settings = readTable(tables, SETUP_SHEETS.settings, C.settings, ['key', 'value'], issues);
  const rubricsT = readTable(tables, SETUP_SHEETS.rubrics, C.rubrics, ['id', 'title', 'category', 'grades'], issues);
  const itemsT = readTable(tables, SETUP_SHEETS.items, C.items, ['rubric', 'code', 'name'], issues);
  const peopleT = readTable(tables, SETUP_SHEETS.people, C.people, ['id', 'name', 'role'], issues);
  const unitsT = readTable(tables, SETUP_SHEETS.units, C.units, ['id', 'name', 'rubric'], issues);
  if (!settings || !rubricsT || !itemsT || !peopleT || !unitsT || issues.length) return { ok: false, issues };

  const source = new Map<string, string>(); // JSON path → cell
  const json: Record<string, unknown> = { schema: 'scoreseal/plan@1' };
  settings.rows.forEach((row, i) => {
    const key = text(settings, row, 'key');
    const value = text(settings, row, 'value');
    for (const [k, names] of Object.entries(SETTING_KEYS)) {
      if (!(names as readonly string[]).some((n) => n.toLowerCase() === key.toLowerCase())) continue;
      source.set(k, cellAt(settings, i, 'value'));
      if (k === 'signing') {
        const w = SIGNING_WORDS[value.toLowerCase()] ?? SIGNING_WORDS[value];
        if (value && !w) issues.push(issue(cellAt(settings, i, 'value'), 'setup.signing', { value }));
        if (w) json.signing = w;
      } else if (value) json[k] = value;
    }
  });

  const rubrics: Record<string, unknown>[] = [];
  const rubricIndex = new Map<string, number>();
  rubricsT.rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const base = `rubrics[${rubrics.length}]`;
    const r: Record<string, unknown> = {
      id: text(rubricsT, row, 'id'),
      title: text(rubricsT, row, 'title'),
      category: text(rubricsT, row, 'category'),
    };
    for (const k of ['id', 'title', 'category', 'step', 'sampleRatio', 'basisRequired', 'grades', 'quotas', 'vetoGrade'])
      source.set(`${base}.${k}`, cellAt(rubricsT, i, k));
    const step = num(rubricsT, row, i, 'step', issues);
    if (step !== undefined) r.step = step;
    const ratio = num(rubricsT, row, i, 'sampleRatio', issues);
    if (ratio !== undefined) r.sampleRatio = ratio;
    const basis = text(rubricsT, row, 'basisRequired');
    if (basis) {
      const w = BASIS_WORDS[basis] ?? BASIS_WORDS[basis.toLowerCase()];
      if (!w) issues.push(issue(cellAt(rubricsT, i, 'basisRequired'), 'setup.basis', { value: basis }));
      else r.basisRequired = w;
    }
    r.grades = pairs(text(rubricsT, row, 'grades'), cellAt(rubricsT, i, 'grades'), issues).map((p) => ({ name: p.name, min: p.value }));
    const quotas = pairs(text(rubricsT, row, 'quotas'), cellAt(rubricsT, i, 'quotas'), issues).map((p) => ({
      grade: p.name,
      maxShare: p.value,
    }));
    if (quotas.length) r.quotas = quotas;
    const veto = text(rubricsT, row, 'vetoGrade');
    if (veto) r.vetoGrade = veto;
    r.items = [];
    rubricIndex.set(String(r.id), rubrics.length);
    rubrics.push(r);
  });

  // items: rows in tree order; 上级编号 names the parent
  const nodes = new Map<string, Record<string, unknown>>(); // rubric\0code → node
  const paths = new Map<string, string>();
  itemsT.rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const rid = text(itemsT, row, 'rubric');
    const ri = rubricIndex.get(rid);
    if (ri === undefined) {
      issues.push(issue(cellAt(itemsT, i, 'rubric'), 'setup.noRubric', { rubric: rid, sheet: rubricsT.sheet }));
      return;
    }
    const code = text(itemsT, row, 'code');
    const node: Record<string, unknown> = { code, name: text(itemsT, row, 'name') };
    const criteria = text(itemsT, row, 'criteria');
    if (criteria) node.criteria = criteria;
    const max = num(itemsT, row, i, 'max', issues);
    if (max !== undefined) node.max = max;
    const modeText = text(itemsT, row, 'mode');
    if (modeText) {
      const m = MODE_WORDS[modeText] ?? MODE_WORDS[modeText.toLowerCase()];
      if (!m) issues.push(issue(cellAt(itemsT, i, 'mode'), 'setup.mode', { value: modeText }));
      else node.mode = m;
    }
    const group = text(itemsT, row, 'group');
    if (group) node.group = group;
    const parent = text(itemsT, row, 'parent');
    let list: unknown[];
    let path: string;
    if (parent) {
      const p = nodes.get(`${rid}\u0000${parent}`);
      if (!p) {
        issues.push(issue(cellAt(itemsT, i, 'parent'), 'setup.parentBelow', { parent }));
        return;
      }
      p.children ??= [];
      list = p.children as unknown[];
      path = `${paths.get(`${rid}\u0000${parent}`)!}.children[${list.length}]`;
    } else {
      list = rubrics[ri]!.items as unknown[];
      path = `rubrics[${ri}].items[${list.length}]`;
    }
    list.push(node);
    nodes.set(`${rid}\u0000${code}`, node);
    paths.set(`${rid}\u0000${code}`, path);
    for (const k of ['code', 'name', 'criteria', 'max', 'mode', 'group']) source.set(`${path}.${k}`, cellAt(itemsT, i, k));
    source.set(path, cellAt(itemsT, i, 'code'));
  });
  json.rubrics = rubrics;

  const people: Record<string, unknown>[] = [];
  peopleT.rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const base = `people[${people.length}]`;
    const roleText = text(peopleT, row, 'role');
    const p: Record<string, unknown> = { id: text(peopleT, row, 'id'), name: text(peopleT, row, 'name') };
    const dept = text(peopleT, row, 'dept');
    if (dept) p.dept = dept;
    p.role = ROLE_WORDS[roleText] ?? ROLE_WORDS[roleText.toLowerCase()] ?? roleText;
    const groups = text(peopleT, row, 'groups').split(LIST_SEP).filter(Boolean);
    if (groups.length) p.groups = groups;
    const recuse = text(peopleT, row, 'recuse').split(LIST_SEP).filter(Boolean);
    if (recuse.length) p.recuse = recuse;
    const key = text(peopleT, row, 'publicKey');
    if (key) p.publicKey = key;
    for (const k of ['id', 'name', 'dept', 'role', 'groups', 'recuse', 'publicKey']) source.set(`${base}.${k}`, cellAt(peopleT, i, k));
    source.set(base, cellAt(peopleT, i, 'id'));
    people.push(p);
  });
  json.people = people;

  const units: Record<string, unknown>[] = [];
  unitsT.rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const base = `units[${units.length}]`;
    for (const k of ['id', 'name', 'rubric']) source.set(`${base}.${k}`, cellAt(unitsT, i, k));
    source.set(base, cellAt(unitsT, i, 'id'));
    units.push({ id: text(unitsT, row, 'id'), name: text(unitsT, row, 'name'), rubric: text(unitsT, row, 'rubric') });
  });
  json.units = units;
  if (issues.length) return { ok: false, issues };

  const loaded = loadPlan(json);
  if (!loaded.ok) return { ok: false, issues: loaded.issues.map((i) => ({ where: whereOf(i.path, source), problem: i.problem })) };
  return { ok: true, plan: loaded.plan, json };
}

/** The cell of a JSON path, or of its nearest ancestor that has one. */
function whereOf(path: string, source: ReadonlyMap<string, string>): string {
  let p = path;
  while (p) {
    const hit = source.get(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return path;
}
