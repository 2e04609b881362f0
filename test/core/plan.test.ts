/** SPEC §1: loading a plan, each rule with its JSON path, and the rubric fingerprint. */
import { render } from '../../src/core/i18n/catalog';
import { loadPlan, mayAppraise, type PlanIssue, type PlanResult } from '../../src/core/plan/plan';
import { canonicalJson, openDigest } from '../support/jcs';
import { examplePlanJson, mustLoad, type Json } from '../support/memory';

function issuesOf(r: PlanResult): PlanIssue[] {
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues;
}

/** Loads the example with one edit and returns the issue paths. */
function pathsAfter(edit: (j: Json) => void): string[] {
  const j = examplePlanJson();
  edit(j);
  return issuesOf(loadPlan(j)).map((i) => i.path);
}

describe('loadPlan', () => {
  it('accepts examples/plan.json with its rubrics, people and units', () => {
    const plan = mustLoad(examplePlanJson());
    expect([...plan.rubrics.keys()]).toEqual(['township', 'department']);
    expect(plan.people.size).toBe(12);
    expect([...plan.units.keys()]).toEqual(['u01', 'u02', 'u03', 'u04', 'u05', 'd01', 'd02', 'd03']);
    const township = plan.rubrics.get('township')!;
    expect(township.leaves.map((n) => n.code)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '6.1',
      '6.2',
    ]);
    // group is inherited from the parent; block is the top-level code
    expect(township.byCode.get('4.3')).toMatchObject({ group: 'G3', block: '4', isLeaf: true, isVeto: false, depth: 1 });
    expect(township.byCode.get('6.2')).toMatchObject({ group: 'G1', isVeto: true, max: null });
    // section 4 has no max in the plan: it shows the sum of its leaves (6+5+5+4)
    expect(township.byCode.get('4')!.maxUnits * 0.5).toBe(20);
  });

  it('defaults locale, signing, step, ratio and basis rule when they are absent', () => {
    const j = examplePlanJson();
    delete j.locale;
    delete j.signing;
    delete j.rubrics[0].step;
    delete j.rubrics[0].sampleRatio;
    delete j.rubrics[0].basisRequired;
    j.rubrics[0].items[1].children[2].max = 3; // 3.5 is not a multiple of the default step 1
    j.rubrics[0].items[1].children[3].max = 3;
    j.rubrics[0].items[1].max = 15;
    j.rubrics[0].items[4].children[2].max = 4;
    j.rubrics[0].items[4].children[4].max = 4;
    const plan = mustLoad(j);
    expect(plan.locale).toBe('zh-CN');
    expect(plan.data.signing).toBe('key');
    expect(plan.rubrics.get('township')!.data).toMatchObject({ step: 1, sampleRatio: 0.3333, basisRequired: 'always' });
  });

  const cases: [string, (j: Json) => void, string[]][] = [
    ['duplicate code within a rubric', (j) => (j.rubrics[0].items[1].children[0].code = '1.1'), ['rubrics[0].items[1].children[0].code']],
    ['parent max ≠ sum of its children', (j) => (j.rubrics[0].items[0].max = 16), ['rubrics[0].items[0].max']],
    ['veto leaf with a max', (j) => (j.rubrics[0].items[5].children[0].max = 5), ['rubrics[0].items[5].children[0].max']],
    [
      'leaf without max (under a section without max)',
      (j) => delete j.rubrics[0].items[3].children[0].max,
      ['rubrics[0].items[3].children[0].max'],
    ],
    [
      'max not a multiple of the step',
      (j) => {
        j.rubrics[1].items[3].children[1].max = 3.25;
      },
      ['rubrics[1].items[3].children[1].max'],
    ],
    ['unit names an unknown rubric', (j) => (j.units[2].rubric = 'village'), ['units[2].rubric']],
    ['recuse names an unknown unit', (j) => (j.people[7].recuse = ['d01', 'x99']), ['people[7].recuse[1]']],
    ['unknown role', (j) => (j.people[3].role = 'chief'), ['people[3].role']],
    [
      'publicKey without the ed25519: prefix',
      (j) => {
        j.people[1].publicKey = `ed448:${String(j.people[1].publicKey).slice('ed25519:'.length)}`;
      },
      ['people[1].publicKey'],
    ],
    ['publicKey of the wrong length', (j) => (j.people[1].publicKey = 'ed25519:AAAA'), ['people[1].publicKey']],
    ['publicKey that is not base64', (j) => (j.people[9].publicKey = `ed25519:${'*'.repeat(43)}=`), ['people[9].publicKey']],
    ['appraiser without groups', (j) => delete j.people[4].groups, ['people[4].groups']],
    ['appraiser in a group no item has', (j) => (j.people[4].groups = ['G9']), ['people[4].groups[0]']],
    [
      'leaf without a group anywhere above it',
      (j) => delete j.rubrics[1].items[2].group,
      ['rubrics[1].items[2].group', ...[0, 1, 2, 3, 4].map((i) => `rubrics[1].items[2].children[${i}].group`)],
    ],
    ['vetoGrade that is not a grade', (j) => (j.rubrics[0].vetoGrade = '不合格'), ['rubrics[0].vetoGrade']],
    ['quota for an unknown grade', (j) => (j.rubrics[1].quotas[0].grade = '特优'), ['rubrics[1].quotas[0].grade']],
    ['duplicate person id', (j) => (j.people[2].id = 'p01'), ['people[2].id']],
    ['duplicate unit id', (j) => (j.units[1].id = 'u01'), ['units[1].id']],
    ['unknown field (strict schema)', (j) => (j.rubrics[0].items[0].weight = 2), ['rubrics[0].items[0]']],
    ['wrong schema tag', (j) => (j.schema = 'scoreseal/plan@2'), ['schema']],
    ['unknown locale', (j) => (j.locale = 'fr-FR'), ['locale']],
  ];
  it.each(cases)('rejects: %s', (_name, edit, expected) => {
    expect(pathsAfter(edit).sort()).toEqual([...expected].sort());
  });

  it('names the rule in the message', () => {
    const j = examplePlanJson();
    j.rubrics[0].items[0].max = 16;
    const [issue] = issuesOf(loadPlan(j));
    expect(issue!.problem).toEqual({ id: 'plan.maxSum', params: { max: '16', sum: 15 } });
    expect(render(issue!.problem, 'en-US')).toBe("max 16 differs from the sum of its children's (15)");
    expect(render(issue!.problem, 'zh-CN')).toBe('分值 16 与下级项目分值之和（15）不同');
  });

  it('lets names repeat (people are identified by id)', () => {
    const plan = mustLoad(examplePlanJson());
    expect(plan.people.get('p01')!.name).toBe(plan.people.get('p04')!.name);
  });

  it('mayAppraise: role, group and recusal', () => {
    const plan = mustLoad(examplePlanJson());
    const p = (id: string) => plan.people.get(id)!;
    expect(mayAppraise(p('p01'), 'G1', 'u01')).toBe(true);
    expect(mayAppraise(p('p01'), 'G1', 'u03')).toBe(false); // recused
    expect(mayAppraise(p('p01'), 'G2', 'u01')).toBe(false); // other group
    expect(mayAppraise(p('o01'), 'G1', 'u01')).toBe(false); // not an appraiser
  });
});

describe('rubric fingerprint (SPEC §3: digest of the rubric object as it stands in the plan JSON)', () => {
  it('equals SHA-256 over an independently written RFC 8785 canonical JSON of the raw rubric', () => {
    const j = examplePlanJson();
    const plan = mustLoad(j);
    for (const [i, id] of ['township', 'department'].entries()) {
      expect(plan.rubrics.get(id)!.fingerprint).toBe(openDigest(j.rubrics[i]));
    }
    // the canonical form really is sorted and compact (a check on the test's own canonicaliser)
    expect(canonicalJson({ b: 1, a: [1, 'x', { d: null, c: 0.5 }] })).toBe('{"a":[1,"x",{"c":0.5,"d":null}],"b":1}');
  });

  it('is of the raw object: defaults the schema fills in are not part of it', () => {
    const j = examplePlanJson();
    delete j.rubrics[1].sampleRatio; // default 0.3333 equals the value removed
    const plan = mustLoad(j);
    expect(plan.rubrics.get('department')!.data.sampleRatio).toBe(0.3333);
    expect(plan.rubrics.get('department')!.fingerprint).toBe(openDigest(j.rubrics[1]));
    expect(plan.rubrics.get('department')!.fingerprint).not.toBe(mustLoad(examplePlanJson()).rubrics.get('department')!.fingerprint);
  });

  it('does not depend on key order, and changes with any criteria text', () => {
    const j = examplePlanJson();
    const reordered = examplePlanJson();
    reordered.rubrics[0] = Object.fromEntries(Object.entries(reordered.rubrics[0]).reverse());
    const a = mustLoad(j).rubrics.get('township')!.fingerprint;
    expect(mustLoad(reordered).rubrics.get('township')!.fingerprint).toBe(a);
    const edited = examplePlanJson();
    edited.rubrics[0].items[2].children[1].criteria += '。';
    expect(mustLoad(edited).rubrics.get('township')!.fingerprint).not.toBe(a);
  });
});
