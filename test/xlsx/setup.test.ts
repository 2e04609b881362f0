/**
 * The setup workbook: a plan written as a setup workbook, read back as tables, checked row
 * by row against the documented layout, and converted back to the same plan by the core.
 */
import { join } from 'node:path';
import { PlanSchema } from '../../src/core/plan/schema';
import { setupToPlan } from '../../src/core/plan/setup';
import { openWorkbook } from '../../src/xlsx/read';
import { readSetupTables, writeSetupWorkbook, type SetupTables } from '../../src/xlsx/setup';
import { examplePlanJson, tempDir } from './support';

let dir: string;
let cleanup: () => void;
let path: string;
let tables: SetupTables;
const planJson = examplePlanJson() as {
  people: { id: string; publicKey?: string }[];
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'setup.xlsx');
  await writeSetupWorkbook(planJson, path);
  tables = await readSetupTables(path);
});
afterAll(() => cleanup());

const rows = (sheet: string) => tables[sheet]!.slice(1);

it('has the five sheets with their Chinese headers', () => {
  expect(Object.keys(tables)).toEqual(['设置', '细则设置', '细则', '人员', '单位']);
  expect(tables['设置']![0]).toEqual(['项目', '值']);
  expect(tables['细则设置']![0]).toEqual([
    '细则编号',
    '细则名称',
    '类别',
    '分值步长',
    '复核比例',
    '依据要求',
    '等次',
    '名额限制',
    '否决等次',
  ]);
  expect(tables['细则']![0]).toEqual(['细则编号', '编号', '上级编号', '考核项目', '考核内容及评分标准', '分值', '方式', '考核组']);
  expect(tables['人员']![0]).toEqual(['编号', '姓名', '单位', '角色', '考核组', '回避单位', '公钥']);
  expect(tables['单位']![0]).toEqual(['编号', '名称', '细则编号']);
});

it('writes the settings', () => {
  expect(rows('设置')).toEqual([
    ['考核名称', '2026年度争先创优考核'],
    ['语言', 'zh-CN'],
    ['签字方式', '密钥'],
  ]);
});

it('writes one row per rubric, numbers as numbers', () => {
  expect(rows('细则设置')[0]).toEqual([
    'township',
    '乡镇考核细则',
    '乡镇',
    0.5,
    0.3333,
    '扣分时',
    '优秀:90、良好:80、一般:70、较差:0',
    '优秀:0.2',
    '较差',
  ]);
  expect(rows('细则设置')).toHaveLength(2);
});

it('writes rubric items in tree order with parents, modes and own groups', () => {
  const items = rows('细则');
  expect(items[0]).toEqual(['township', '1', null, '党风廉政建设', null, 15, null, 'G1']);
  expect(items[1]!.slice(0, 4)).toEqual(['township', '1.1', '1', '落实党风廉政建设责任制']);
  expect(items[1]!.slice(5)).toEqual([5, '扣分']); // no own group: inherited from 1
  expect(items[2]!.slice(5)).toEqual([3, '加分']);
  const veto = items.find((r) => r[0] === 'township' && r[1] === '6.1')!;
  expect(veto[2]).toBe('6');
  expect(veto[5] ?? null).toBeNull();
  expect(veto[6]).toBe('否决');
  const sectionWithoutMax = items.find((r) => r[0] === 'township' && r[1] === '4')!;
  expect(sectionWithoutMax[5] ?? null).toBeNull();
  expect(items.filter((r) => r[0] === 'department').length).toBeGreaterThan(0);
});

it('writes people with roles, groups and recusals', () => {
  const people = rows('人员');
  expect(people).toHaveLength(planJson.people.length);
  expect(people[0]!.slice(0, 6)).toEqual(['p01', '张伟', '纪委监察局', '考核人员', 'G1', 'u03']);
  // public keys, where the plan has them, in the last column
  expect(people.map((r) => r[6] ?? null)).toEqual(planJson.people.map((p) => p.publicKey ?? null));
  expect(people.some((r) => typeof r[6] === 'string' && r[6].startsWith('ed25519:'))).toBe(true);
  const roles = new Set(people.map((r) => r[3]));
  expect(roles).toEqual(new Set(['考核人员', '监审人员', '办公室']));
});

it('writes the units', () => {
  expect(rows('单位')[0]).toEqual(['u01', '城关镇', 'township']);
  expect(rows('单位')).toHaveLength(8);
});

it('reads back into the same plan through the core', () => {
  const r = setupToPlan(tables);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(PlanSchema.parse(r.json)).toEqual(PlanSchema.parse(planJson));
});

it('has bold, frozen header rows', async () => {
  const { wb } = await openWorkbook(path);
  for (const ws of wb.worksheets) {
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
  }
});

it('writes English-locale and name-signing plans', async () => {
  const other = { ...(planJson as object), locale: 'en-US', signing: 'name' };
  const p = join(dir, 'other.xlsx');
  await writeSetupWorkbook(other, p);
  expect((await readSetupTables(p))['设置']!.slice(2)).toEqual([
    ['语言', 'en-US'],
    ['签字方式', '姓名'],
  ]);
});

it('refuses what is not a plan', async () => {
  await expect(writeSetupWorkbook({ schema: 'nope' }, join(dir, 'bad.xlsx'))).rejects.toThrow(TypeError);
});
