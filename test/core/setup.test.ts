/** SPEC §1: the setup workbook's tables → plan JSON (setupToPlan), errors named by sheet!cell. */
import { render, type MessageId } from '../../src/core/i18n/catalog';
import { setupToPlan, type SetupIssue, type SetupResult } from '../../src/core/plan/setup';
import type { CellValue } from '../../src/core/sheet/cells';
import { openDigest } from '../support/jcs';
import { examplePlanJson, mustLoad, type Json } from '../support/memory';

type Tables = Record<string, CellValue[][]>;

/** A small setup workbook, typed by hand as the Office would. */
function handTables(): Tables {
  return {
    设置: [
      ['项目', '值'],
      ['考核名称', '2026年度测试考核'],
      ['语言', 'zh-CN'],
      ['签字方式', '姓名'],
    ],
    细则设置: [
      ['细则编号', '细则名称', '类别', '分值步长', '复核比例', '依据要求', '等次', '名额限制', '否决等次'],
      ['t', '乡镇细则', '乡镇', 0.5, 0.5, '扣分时', '优秀:90、良好:80、较差:0', '优秀:0.2', '较差'],
    ],
    细则: [
      ['细则编号', '编号', '上级编号', '考核项目', '考核内容及评分标准', '分值', '方式', '考核组'],
      ['t', '1', null, '党建', null, 8, null, 'G1'],
      ['t', '1.1', '1', '责任制', '未落实的扣2分', 5, '扣分', null],
      ['t', '1.2', '1', '教育', null, 3, '加分', null],
      ['t', '2', null, '发展', null, null, null, 'G2'],
      ['t', '2.1', '2', '收入', '按比例计分', 4.5, null, null],
      ['t', '9', null, '一票否决', null, null, null, 'G1'],
      ['t', '9.1', '9', '重大事故', null, null, '否决', null],
    ],
    人员: [
      ['编号', '姓名', '单位', '角色', '考核组', '回避单位', '公钥'],
      ['p1', '张伟', '纪委', '考核人员', 'G1、G2', null, null],
      ['p2', '张伟', '财政局', '考核人员', 'G1', 'u2', null],
      ['o1', '李娜', null, '监审人员', null, null, null],
      ['f1', '王强', null, '办公室', null, null, null],
    ],
    单位: [
      ['编号', '名称', '细则编号'],
      ['u1', '东镇', 't'],
      ['u2', '西镇', 't'],
    ],
  };
}

const EXPECTED_JSON = {
  schema: 'scoreseal/plan@1',
  title: '2026年度测试考核',
  locale: 'zh-CN',
  signing: 'name',
  rubrics: [
    {
      id: 't',
      title: '乡镇细则',
      category: '乡镇',
      step: 0.5,
      sampleRatio: 0.5,
      basisRequired: 'deduction',
      grades: [
        { name: '优秀', min: 90 },
        { name: '良好', min: 80 },
        { name: '较差', min: 0 },
      ],
      quotas: [{ grade: '优秀', maxShare: 0.2 }],
      vetoGrade: '较差',
      items: [
        {
          code: '1',
          name: '党建',
          max: 8,
          group: 'G1',
          children: [
            { code: '1.1', name: '责任制', criteria: '未落实的扣2分', max: 5, mode: 'deduct' },
            { code: '1.2', name: '教育', max: 3, mode: 'award' },
          ],
        },
        { code: '2', name: '发展', group: 'G2', children: [{ code: '2.1', name: '收入', criteria: '按比例计分', max: 4.5 }] },
        { code: '9', name: '一票否决', group: 'G1', children: [{ code: '9.1', name: '重大事故', mode: 'veto' }] },
      ],
    },
  ],
  people: [
    { id: 'p1', name: '张伟', dept: '纪委', role: 'appraiser', groups: ['G1', 'G2'] },
    { id: 'p2', name: '张伟', dept: '财政局', role: 'appraiser', groups: ['G1'], recuse: ['u2'] },
    { id: 'o1', name: '李娜', role: 'oversight' },
    { id: 'f1', name: '王强', role: 'office' },
  ],
  units: [
    { id: 'u1', name: '东镇', rubric: 't' },
    { id: 'u2', name: '西镇', rubric: 't' },
  ],
};

function issues(r: SetupResult): SetupIssue[] {
  if (r.ok) throw new Error('expected the setup workbook to be rejected');
  return r.issues;
}

describe('setupToPlan', () => {
  it('turns hand-typed tables into the plan JSON, with the same fingerprint as that JSON', () => {
    const r = setupToPlan(handTables());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.json).toEqual(EXPECTED_JSON);
    const fromJson = mustLoad(JSON.parse(JSON.stringify(EXPECTED_JSON)));
    expect(r.plan.rubrics.get('t')!.fingerprint).toBe(fromJson.rubrics.get('t')!.fingerprint);
    expect(r.plan.rubrics.get('t')!.fingerprint).toBe(openDigest(EXPECTED_JSON.rubrics[0]));
  });

  it('accepts English sheet names and headers', () => {
    const zh = handTables();
    const rename: Record<string, [string, string[]]> = {
      设置: ['Settings', ['Key', 'Value']],
      细则设置: ['Rubrics', ['ID', 'Title', 'Category', 'Step', 'Sample ratio', 'Basis required', 'Grades', 'Quotas', 'Veto grade']],
      细则: ['Items', ['Rubric', 'Code', 'Parent', 'Item', 'Criteria', 'Max', 'Mode', 'Group']],
      人员: ['People', ['ID', 'Name', 'Department', 'Role', 'Groups', 'Recuse', 'Public key']],
      单位: ['Units', ['ID', 'Name', 'Rubric']],
    };
    const en: Tables = {};
    for (const [name, rows] of Object.entries(zh)) {
      const [enName, header] = rename[name]!;
      en[enName] = [header, ...rows.slice(1)];
    }
    en.Settings = [
      ['Key', 'Value'],
      ['Title', '2026年度测试考核'],
      ['Locale', 'zh-CN'],
      ['Signing', 'name'],
    ];
    en.People = en.People!.map((r, i) =>
      i === 0
        ? r
        : r.map((c, j) =>
            j === 3 ? ({ 考核人员: 'appraiser', 监审人员: 'oversight', 办公室: 'office' } as Record<string, string>)[c as string]! : c,
          ),
    );
    en.Items = en.Items!.map((r, i) =>
      i === 0
        ? r
        : r.map((c, j) => (j === 6 && c ? ({ 扣分: 'deduct', 加分: 'award', 否决: 'veto' } as Record<string, string>)[c as string]! : c)),
    );
    en.Rubrics![1]![5] = 'deduction';
    const r = setupToPlan(en);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.json).toEqual(EXPECTED_JSON);
  });

  it('reproduces the fingerprints of examples/plan.json from tables written out of it', () => {
    const j = examplePlanJson();
    const plan = mustLoad(j);
    const r = setupToPlan(tablesOf(j));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    for (const id of ['township', 'department']) expect(r.plan.rubrics.get(id)!.fingerprint).toBe(plan.rubrics.get(id)!.fingerprint);
    expect(r.json.people).toEqual(j.people);
    expect(r.json.units).toEqual(j.units);
  });

  const broken: [string, (t: Tables) => void, string, MessageId, RegExp | null][] = [
    ['a max that is not a number', (t) => (t.细则![3]![5] = '三'), '细则!F4', 'setup.notNumber', /not a number/],
    ['an unknown mode word', (t) => (t.细则![2]![6] = '乘分'), '细则!G3', 'setup.mode', /方式/],
    [
      'a parent below its child',
      (t) => t.细则!.splice(1, 0, ['t', '0.1', '0', '孤儿', null, 1, null, 'G1']),
      '细则!C2',
      'setup.parentBelow',
      /parent/,
    ],
    ['an item of an unknown rubric', (t) => (t.细则![5]![0] = 'x'), '细则!A6', 'setup.noRubric', /no rubric/],
    [
      'parent max ≠ sum of its children (checked by loadPlan, mapped back to the cell)',
      (t) => (t.细则![1]![5] = 9),
      '细则!F2',
      'plan.maxSum',
      null,
    ],
    ['a duplicate code', (t) => (t.细则![3]![1] = '1.1'), '细则!B4', 'plan.duplicateCode', /duplicate/],
    ['a veto item with a max', (t) => (t.细则![7]![5] = 2), '细则!F8', 'plan.vetoMax', null],
    ['an unknown role', (t) => (t.人员![2]![3] = '领导'), '人员!D3', 'plan.schema.option', null],
    ['a recusal naming an unknown unit', (t) => (t.人员![2]![5] = 'u9'), '人员!F3', 'plan.noUnit', /u9/],
    ['a bad public key', (t) => (t.人员![1]![6] = 'ed25519:xyz'), '人员!G2', 'plan.publicKey', null],
    ['a unit with an unknown rubric', (t) => (t.单位![2]![2] = 'nope'), '单位!C3', 'plan.noRubric', /nope/],
    ['grades that are not name:min pairs', (t) => (t.细则设置![1]![6] = '优秀九十'), '细则设置!G2', 'setup.pair', null],
    ['a step that is not a number', (t) => (t.细则设置![1]![3] = '半分'), '细则设置!D2', 'setup.notNumber', null],
    ['an unknown basis rule', (t) => (t.细则设置![1]![5] = '随时'), '细则设置!F2', 'setup.basis', null],
    ['an unknown signing word', (t) => (t.设置![3]![1] = '指纹'), '设置!B4', 'setup.signing', null],
    ['a missing column', (t) => (t.人员 = t.人员!.map((r) => [r[0]!, r[1]!, r[2]!, r[4]!])), '人员!A1', 'setup.missingColumn', /角色/],
    ['a missing sheet', (t) => delete t.单位, '单位 / Units', 'setup.missingSheet', null],
  ];
  it.each(broken)('names the cell of %s', (_name, edit, where, id, english) => {
    const t = handTables();
    edit(t);
    const list = issues(setupToPlan(t));
    expect(list.map((i) => i.where)).toContain(where);
    const problem = list.find((i) => i.where === where)!.problem;
    expect(problem.id).toBe(id);
    if (english) expect(render(problem, 'en-US')).toMatch(english);
  });

  it('says what a setup cell must hold wholly in the locale (the words typed in a cell quoted as they are)', () => {
    const t = handTables();
    t.设置![3]![1] = '指纹';
    t.细则设置![1]![5] = '随时';
    t.细则![2]![6] = '乘分';
    const said = (locale: 'zh-CN' | 'en-US'): string[] => issues(setupToPlan(t)).map((i) => `${i.where} ${render(i.problem, locale)}`);
    expect(said('zh-CN')).toEqual([
      '设置!B4 签字方式应为“密钥”或“姓名”（key 或 name），现为“指纹”',
      '细则设置!F2 依据要求应为“每项”或“扣分时”（always 或 deduction），现为“随时”',
      '细则!G3 方式应为“加分”“扣分”或“否决”（award、deduct 或 veto），现为“乘分”',
    ]);
    expect(said('en-US')).toEqual([
      '设置!B4 Signing (签字方式) must be 密钥 or 姓名 (key or name), not "指纹"',
      '细则设置!F2 Basis required (依据要求) must be 每项 or 扣分时 (always or deduction), not "随时"',
      '细则!G3 Mode (方式) must be 加分, 扣分 or 否决 (award, deduct or veto), not "乘分"',
    ]);
  });
});

/** The example plan as setup tables (the layout of SPEC §1's setup workbook), written here by hand. */
function tablesOf(j: Json): Tables {
  const items: CellValue[][] = [['细则编号', '编号', '上级编号', '考核项目', '考核内容及评分标准', '分值', '方式', '考核组']];
  const modeWord: Record<string, string> = { award: '加分', deduct: '扣分', veto: '否决' };
  for (const r of j.rubrics) {
    const walk = (nodes: Json[], parent: string | null): void => {
      for (const n of nodes) {
        items.push([r.id, n.code, parent, n.name, n.criteria ?? null, n.max ?? null, n.mode ? modeWord[n.mode]! : null, n.group ?? null]);
        if (n.children) walk(n.children, n.code);
      }
    };
    walk(r.items, null);
  }
  const roleWord: Record<string, string> = { appraiser: '考核人员', oversight: '监审人员', office: '办公室' };
  const v = (x: unknown): CellValue => (x ?? null) as CellValue;
  return {
    设置: [
      ['项目', '值'],
      ['考核名称', v(j.title)],
      ['语言', v(j.locale)],
      ['签字方式', j.signing === 'name' ? '姓名' : '密钥'],
    ],
    细则设置: [
      ['细则编号', '细则名称', '类别', '分值步长', '复核比例', '依据要求', '等次', '名额限制', '否决等次'],
      ...(j.rubrics as Json[]).map((r: Json): CellValue[] => [
        v(r.id),
        v(r.title),
        v(r.category),
        v(r.step),
        v(r.sampleRatio),
        r.basisRequired === 'deduction' ? '扣分时' : '每项',
        (r.grades as Json[]).map((g: Json) => `${g.name}:${g.min}`).join('、'),
        ((r.quotas ?? []) as Json[]).map((q: Json) => `${q.grade}:${q.maxShare}`).join('、'),
        v(r.vetoGrade),
      ]),
    ],
    细则: items,
    人员: [
      ['编号', '姓名', '单位', '角色', '考核组', '回避单位', '公钥'],
      ...(j.people as Json[]).map((p: Json): CellValue[] => [
        v(p.id),
        v(p.name),
        v(p.dept),
        roleWord[p.role as string]!,
        ((p.groups ?? []) as string[]).join('、'),
        ((p.recuse ?? []) as string[]).join('、'),
        v(p.publicKey),
      ]),
    ],
    单位: [['编号', '名称', '细则编号'], ...(j.units as Json[]).map((u: Json): CellValue[] => [v(u.id), v(u.name), v(u.rubric)])],
  };
}
