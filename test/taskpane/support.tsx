/**
 * Task-pane test support: `renderWithProviders`, the example plan, and score workbooks in the
 * Excel test double (generated from the core's template, typed into as a person would, signed
 * through the pane's real actions).
 */
import './polyfills';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { deriveKeyPair, type KeyPair } from '../../src/core/crypto/ed25519';
import { loadPlan, type Plan } from '../../src/core/plan/plan';
import { canonCell } from '../../src/core/sheet/cells';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import type { SignRole } from '../../src/core/signing/records';
import { createOfficeActions, type PaneActions } from '../../src/taskpane/actions';
import { PaneProviders } from '../../src/taskpane/components/PaneProviders';
import type { Catalogs } from '../../src/core/i18n/catalog';
import type { Locale, UiCatalog } from '../../src/taskpane/i18n';
import { ExcelDouble, type DoubleOptions, type SheetInit } from '../support/excel-double';

export interface RenderOptions {
  readonly locale?: Locale;
  readonly catalogs?: Readonly<Record<Locale, UiCatalog>>;
  /** the core's catalogs (findings, refusals) */
  readonly coreCatalogs?: Catalogs;
  /** options for userEvent.setup (e.g. advanceTimers with fake timers) */
  readonly user?: Parameters<typeof userEvent.setup>[0];
}

/** Renders inside the pane's providers (Fluent theme, language, signing session). */
export function renderWithProviders(ui: ReactElement, options: RenderOptions = {}): RenderResult & { user: UserEvent } {
  // no delay between events (typing a passphrase into Fluent inputs is slow otherwise)
  const user = userEvent.setup(options.user ?? { delay: null });
  const result = render(
    <PaneProviders
      locale={options.locale ?? 'zh-CN'}
      {...(options.catalogs ? { catalogs: options.catalogs } : {})}
      {...(options.coreCatalogs ? { coreCatalogs: options.coreCatalogs } : {})}
    >
      {ui}
    </PaneProviders>,
  );
  return { ...result, user };
}

/* --- plan --- */

export const rawExamplePlan = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../../examples/plan.json'), 'utf8')) as Record<string, unknown>;

export function examplePlan(raw: unknown = rawExamplePlan()): Plan {
  const r = loadPlan(raw);
  if (!r.ok) throw new Error(`example plan invalid: ${JSON.stringify(r.issues)}`);
  return r.plan;
}

/** The demo passphrase of a person of examples/plan.json (see scripts/enrol-demo.mjs). */
export const demoPassphrase = (id: string): string => `demo-passphrase-${id}`;

const keyCache = new Map<string, Promise<KeyPair>>();
/** A person's key from their demo passphrase (derived once per test file). */
export function demoKey(plan: Plan, id: string): Promise<KeyPair> {
  const k = `${plan.data.title}\u0000${id}`;
  if (!keyCache.has(k)) keyCache.set(k, deriveKeyPair(demoPassphrase(id), plan.data.title, id));
  return keyCache.get(k)!.then((key) => ({ ...key, secret: key.secret.slice() }));
}

/* --- workbooks in the double --- */

export interface ScoreBook {
  readonly double: ExcelDouble;
  readonly tpl: SheetTemplate;
  readonly plan: Plan;
}

/** A double holding the score sheet of `unit` as generated (inputs unlocked, protected without password) and its log. */
export function scoreBook(plan: Plan, unit = 'u01', options: DoubleOptions = {}, extra: Record<string, SheetInit> = {}): ScoreBook {
  const tpl = buildTemplate(plan, unit);
  const sheet: SheetInit = {
    values: tpl.cells,
    numberFormat: tpl.cells.map((r) => r.map((v) => (typeof v === 'string' ? '@' : null))),
    merges: tpl.merges,
    unlocked: tpl.inputRanges,
    protection: {},
  };
  const log: SheetInit = { values: [tpl.planLogRow], numberFormat: [tpl.planLogRow.map(() => '@')], visibility: 'VeryHidden' };
  const double = ExcelDouble.fromData({ sheets: { [tpl.sheetName]: sheet, ...extra, [LOG_SHEET]: log }, active: tpl.sheetName }, options);
  return { double, tpl, plan };
}

/** 1-based worksheet row of an item code in the template. */
export function rowOf(tpl: SheetTemplate, code: string): number {
  const i = tpl.cells.findIndex((r, idx) => idx >= tpl.headerRow && r[0] === code);
  if (i < 0) throw new Error(`no row for ${code}`);
  return i + 1;
}

/** Types a complete entry into every leaf (except `skip`), as a person would: full marks minus 0.5 where possible. */
export function fillAll(book: ScoreBook, skip: readonly string[] = []): void {
  const { double, tpl } = book;
  tpl.rowKinds.forEach((kind, i) => {
    if (kind !== 'leaf' && kind !== 'veto') return;
    const row = i + 1;
    const code = canonCell(tpl.cells[i]![0] ?? null);
    if (skip.includes(code)) return;
    const max = tpl.cells[i]![3];
    const score = kind === 'veto' ? '否' : String(Math.max(0, Number(max) - 0.5));
    double.type(tpl.sheetName, `E${row}`, score);
    double.type(tpl.sheetName, `F${row}`, `${code} 按计划完成`);
    double.type(tpl.sheetName, `G${row}`, kind === 'veto' ? '查阅台账，未发生' : '抽查记录缺 1 处，扣 0.5 分');
    double.type(tpl.sheetName, `H${row}`, '实地查看、资料审核');
  });
}

/** The scorer and reviewer of each appraiser group in examples/plan.json. */
export const GROUP_SIGNERS: Readonly<Record<string, { scorer: string; reviewer: string }>> = {
  G1: { scorer: 'p01', reviewer: 'p02' },
  G2: { scorer: 'p04', reviewer: 'p05' },
  G3: { scorer: 'p07', reviewer: 'p09' },
};

/** Signs every item as scorer and reviewer through the pane's real actions (with the double installed). */
export async function signAll(book: ScoreBook, actions: PaneActions = createOfficeActions()): Promise<void> {
  for (const role of ['scorer', 'reviewer'] as SignRole[])
    for (const signers of Object.values(GROUP_SIGNERS)) {
      const person = signers[role];
      const key = await demoKey(book.plan, person);
      const r = await actions.sign(book.tpl.sheetName, { person, key }, role, { kind: 'all' });
      if (!r.ok) throw new Error(`signing as ${person} refused: ${JSON.stringify(r.reasons)}`);
    }
}

/** The `_scoreseal` rows of a double (kinds in column A). */
export function logKinds(double: ExcelDouble): string[] {
  return double.dump(LOG_SHEET).values.map((r) => String(r[0]));
}

/* --- the setup workbook (设置, 细则设置, 细则, 人员, 单位) made from a plan JSON --- */

interface RawItem {
  code: string;
  name: string;
  criteria?: string;
  max?: number;
  mode?: string;
  group?: string;
  children?: RawItem[];
}
interface RawRubric {
  id: string;
  title: string;
  category: string;
  step?: number;
  sampleRatio?: number;
  basisRequired?: string;
  grades: { name: string; min: number }[];
  quotas?: { grade: string; maxShare: number }[];
  vetoGrade?: string;
  items: RawItem[];
}
interface RawPerson {
  id: string;
  name: string;
  dept?: string;
  role: string;
  groups?: string[];
  recuse?: string[];
  publicKey?: string;
}

const MODE_ZH: Record<string, string> = { award: '加分', deduct: '扣分', veto: '否决' };
const ROLE_ZH: Record<string, string> = { appraiser: '考核人员', oversight: '监审人员', office: '办公室' };

/** The setup sheets of a plan, as a person would lay them out in Excel (Chinese headers). */
export function setupSheets(raw: Record<string, unknown> = rawExamplePlan()): Record<string, SheetInit> {
  const rubrics = raw.rubrics as RawRubric[];
  const items: unknown[][] = [['细则编号', '编号', '上级编号', '考核项目', '考核内容及评分标准', '分值', '方式', '考核组']];
  const walk = (rubric: string, list: RawItem[], parent: string): void => {
    for (const it of list) {
      items.push([rubric, it.code, parent, it.name, it.criteria ?? '', it.max ?? '', it.mode ? MODE_ZH[it.mode] : '', it.group ?? '']);
      walk(rubric, it.children ?? [], it.code);
    }
  };
  for (const r of rubrics) walk(r.id, r.items, '');
  const sheet = (values: unknown[][]): SheetInit => ({ values });
  return {
    设置: sheet([
      ['项目', '值'],
      ['考核名称', raw.title],
      ['语言', raw.locale ?? 'zh-CN'],
      ['签字方式', raw.signing === 'name' ? '姓名' : '密钥'],
    ]),
    细则设置: sheet([
      ['细则编号', '细则名称', '类别', '分值步长', '复核比例', '依据要求', '等次', '名额限制', '否决等次'],
      ...rubrics.map((r) => [
        r.id,
        r.title,
        r.category,
        r.step ?? '',
        r.sampleRatio ?? '',
        r.basisRequired === 'deduction' ? '扣分时' : '每项',
        r.grades.map((g) => `${g.name}:${g.min}`).join('、'),
        (r.quotas ?? []).map((q) => `${q.grade}:${q.maxShare}`).join('、'),
        r.vetoGrade ?? '',
      ]),
    ]),
    细则: sheet(items),
    人员: sheet([
      ['编号', '姓名', '单位', '角色', '考核组', '回避单位', '公钥'],
      ...(raw.people as RawPerson[]).map((p) => [
        p.id,
        p.name,
        p.dept ?? '',
        ROLE_ZH[p.role],
        (p.groups ?? []).join('、'),
        (p.recuse ?? []).join('、'),
        p.publicKey ?? '',
      ]),
    ]),
    单位: sheet([
      ['编号', '名称', '细则编号'],
      ...(raw.units as { id: string; name: string; rubric: string }[]).map((u) => [u.id, u.name, u.rubric]),
    ]),
  };
}
