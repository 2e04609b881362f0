/**
 * The scenarios, each run in zh-CN and en-US (the pane's language and the plan's locale):
 *  (a) appraisers: validate a sheet with mistakes, go to a finding, fix, re-validate; sign as
 *      scorer (block, selected rows, all), a refused signature, sign as reviewer; every group
 *      signed; the sheet validates clean;
 *  (b) oversight: draw the sample, re-check (one adjusted), seal with a password;
 *  (c) the Office: read the setup sheets, generate score sheets, import sealed files and compile;
 *  (selftest) 自检: the host self-test from its tab and from the ribbon's URL, every check passed
 *      over the double, the digests equal, the workbook left as it was.
 * Every step checks what the pane shows and what the workbook (the double) holds.
 */
import type { Locator } from 'playwright-core';
import { FOOTER_LABELS } from '../../src/core/sheet/layout';
import type { CellInfo } from '../support/excel-double';
import type { Fixtures } from './fixtures';
import type { HarnessLang, LogRecord, SheetLayout, SheetRowInfo } from './harness-api';
import { Session, type RunEnv } from './session';
import { check, checkEqual, textOf, visible, waitFor } from './support';
import { PALETTE } from '../../src/core/presentation/look';

/* --- reading the workbook --- */

const layoutOf = (s: Session, unit: string): Promise<SheetLayout> => s.page.evaluate((u) => window.__harness.layout(u), unit);
const cellOf = (s: Session, sheet: string, a1: string): Promise<CellInfo> =>
  s.page.evaluate(([sh, a]) => window.__double.cell(sh, a), [sheet, a1] as const);
const valueOf = async (s: Session, sheet: string, a1: string): Promise<unknown> => (await cellOf(s, sheet, a1)).value;
const logOf = (s: Session): Promise<LogRecord[]> => s.page.evaluate(() => window.__harness.log());
const typeInto = (s: Session, sheet: string, a1: string, text: string): Promise<void> =>
  s.page.evaluate(([sh, a, v]) => window.__harness.type(sh, a, v), [sheet, a1, text] as const);
const selectionOf = (s: Session): Promise<{ sheet: string; address: string } | null> => s.page.evaluate(() => window.__double.selection);
const sheetNames = (s: Session): Promise<string[]> => s.page.evaluate(() => window.__double.sheetNames());

const leavesOf = (l: SheetLayout): SheetRowInfo[] => l.rows.filter((r) => r.kind !== 'section');
const rowOf = (l: SheetLayout, code: string): number => {
  const r = l.rows.find((x) => x.code === code);
  if (!r) throw new Error(`no row for ${code}`);
  return r.row;
};

/** Display names as the sheet shows them (张伟 twice: told apart by department). */
const PEOPLE: Record<string, string> = {
  p01: '张伟（纪委监察局）',
  p02: '刘芳',
  p04: '张伟（县发改局）',
  p05: '赵敏',
  p07: '周建华',
  p09: '郑海涛',
  o01: '李娜',
};
const passphrase = (id: string): string => `demo-passphrase-${id}`;
/** A person's name as shown in this language: the department in （） in zh-CN, in () in en-US. */
const shown = (s: { lang: HarnessLang }, id: string): string => {
  const name = PEOPLE[id] ?? id;
  return s.lang === 'zh-CN' ? name : name.replace(/（(.+)）$/, ' ($1)');
};

/* --- pane helpers --- */

async function unlock(s: Session, panel: Locator, person: string): Promise<void> {
  await panel.getByLabel(s.ui('person.me'), { exact: true }).selectOption(person);
  await panel.getByLabel(s.ui('unlock.passphrase'), { exact: true }).fill(passphrase(person));
  await panel.getByRole('button', { name: s.ui('unlock.submit'), exact: true }).click();
  await visible(
    panel.getByText(s.ui('session.active', { person: shown(s, person) }), { exact: true }),
    `"${s.ui('session.active', { person: shown(s, person) })}"`,
  );
}

async function signVia(
  s: Session,
  panel: Locator,
  role: 'scorer' | 'reviewer',
  scope: 'selection' | 'block' | 'all',
  expectItems: readonly string[],
  block?: string,
): Promise<void> {
  await panel.getByRole('radio', { name: s.ui(`role.${role}`), exact: true }).check();
  await panel.getByRole('radio', { name: s.ui(`sign.scope.${scope}`), exact: true }).check();
  if (scope === 'block') await panel.getByLabel(s.ui('sign.block'), { exact: true }).selectOption(block!);
  await panel.getByRole('button', { name: s.ui('sign.submit'), exact: true }).click();
  const done = s.ui('sign.done', { role: s.ui(`role.${role}`), count: expectItems.length, items: expectItems.join(' ') });
  await visible(panel.getByText(done, { exact: true }), `"${done}"`);
}

const signatures = async (s: Session): Promise<Record<string, unknown>[]> =>
  (await logOf(s)).filter((r) => r.kind === 'signature').map((r) => r.record ?? {});

/* ------------------------------------------------------------------------------------------ */
/* (a) appraisers                                                                               */
/* ------------------------------------------------------------------------------------------ */

export async function scenarioA(env: RunEnv, lang: HarnessLang): Promise<boolean> {
  const s = await Session.open(env, 'a-appraisers', lang, 'u01');
  const l = await layoutOf(s, 'u01');
  const sheet = l.sheetName;
  const leaves = leavesOf(l);
  const status = (code: string): Promise<unknown> => valueOf(s, sheet, `K${rowOf(l, code)}`);
  const itemNames = new Map<string, string>(
    (
      await s.page.evaluate((sh) => window.__double.dump(sh).values.map((r) => [String(r[0]), String(r[1])] as [string, string]), sheet)
    ).filter(([code]) => /^\d/.test(code)),
  );
  const nm = (code: string): string => itemNames.get(code) ?? code;
  let panel = s.pane.locator('#panel-validate');

  await s.step('the validate view lists the score sheet; statuses say "to fill"', async () => {
    await visible(panel.getByRole('button', { name: s.ui('validate.runNamed', { sheet }), exact: true }), `the sheet ${sheet} in the list`);
    checkEqual(await status('1.1'), s.core('status.empty'), `${sheet}!K${rowOf(l, '1.1')} (签字状态 of 1.1)`);
    const header = (await s.page.evaluate(([sh, r]) => window.__harness.row(sh, r), [sheet, l.headerRow] as const)).map(String);
    check(
      header.includes(lang === 'zh-CN' ? '考核人' : 'Scorer') && header.includes(lang === 'zh-CN' ? '签字状态' : 'Status'),
      `header row: ${header.join(' | ')}`,
    );
    await s.axe('validate (sheet list)');
  });

  // an appraiser types the sheet in Excel, with typical mistakes
  const mistakes: [string, string, string][] = [
    ['1.1', 'E', '12'], // above the item's 5 points
    ['1.2', 'E', '２.５'], // full-width digits from a Chinese IME
    ['2.1', 'E', '3.3'], // off the 0.5 step
    ['3.1', 'G', ''], // points deducted (7.5 of 8), no basis
    ['3.2', 'H', '资料审核'], // paperwork only
    ['4.1', 'F', ''], // no completion record
  ];
  await s.step('a person fills the sheet with six typical mistakes; validate groups the findings by item', async () => {
    await s.page.evaluate(() => window.__harness.fillAll('u01'));
    for (const [code, col, text] of mistakes) await typeInto(s, sheet, `${col}${rowOf(l, code)}`, text);
    const inputsBefore = await s.page.evaluate((sh) => window.__double.dump(sh).formulas.map((r) => r.slice(4, 8)), sheet);
    await panel.getByRole('button', { name: s.ui('validate.runActive'), exact: true }).click();
    // 4 content errors; every other leaf lacks its scorer's and reviewer's signatures; 2 warnings
    const counts = s.ui('validate.counts', { errors: 4 + (leaves.length - 4), warnings: 2 });
    await visible(panel.getByText(counts, { exact: true }), `"${counts}"`);
    await visible(panel.getByText(s.ui('validate.statusWritten'), { exact: true }), 'statuses written');
    const p = (code: string): { item: string; name: string } => ({ item: code, name: nm(code) });
    const expected: [string, string][] = [
      ['1.1', s.core('SCORE_OUT_OF_RANGE', { ...p('1.1'), value: '12', max: '5' })],
      ['1.2', s.core('SCORE_NORMALISED', { ...p('1.2'), value: '２.５', normal: '2.5' })],
      ['2.1', s.core('SCORE_STEP', { ...p('2.1'), value: '3.3', step: '0.5' })],
      ['3.1', s.core('BASIS_MISSING', p('3.1'))],
      ['3.2', s.core('MATERIALS_ONLY', p('3.2'))],
      ['4.1', s.core('COMPLETION_MISSING', p('4.1'))],
    ];
    for (const [code, message] of expected) {
      const group = panel.locator(`[data-item="${code}"]`);
      await visible(group.getByText(message, { exact: true }), `finding of ${code}: "${message}"`);
      check((await textOf(group)).includes(`${code} ${nm(code)}`), `group ${code} is titled with its code and name`);
    }
    // groups in sheet order
    const order = await panel.locator('[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    check(order.indexOf('1.1') < order.indexOf('2.1') && order.indexOf('2.1') < order.indexOf('4.1'), `group order ${order.join(',')}`);
    // the workbook: derived status cells written, the typed inputs untouched
    checkEqual(await status('1.1'), s.core('status.empty'), '签字状态 of 1.1 (an error)');
    checkEqual(await status('1.3'), s.core('status.needScorer'), '签字状态 of 1.3 (complete)');
    const inputsAfter = await s.page.evaluate((sh) => window.__double.dump(sh).formulas.map((r) => r.slice(4, 8)), sheet);
    checkEqual(inputsAfter, inputsBefore, 'the input columns E:H after validation');
    await s.shot('validate-findings');
    await s.axe('validate (findings)');
  });

  await s.step('clicking a finding selects its cell in Excel', async () => {
    const message = s.core('SCORE_STEP', { item: '2.1', name: nm('2.1'), value: '3.3', step: '0.5' });
    await s.page.evaluate(([sh]) => window.__harness.select(sh, 'A1'), [sheet] as const);
    await panel.locator('[data-item="2.1"]').getByRole('button', { name: message }).click();
    const want = { sheet, address: `E${rowOf(l, '2.1')}` };
    await waitFor(async () => JSON.stringify(await selectionOf(s)) === JSON.stringify(want), `the selection to be ${JSON.stringify(want)}`);
    checkEqual(await s.page.evaluate(() => window.__double.activeSheet()), sheet, 'active sheet');
  });

  await s.step('the mistakes are fixed; validating again leaves only the missing signatures', async () => {
    const fixes: [string, string, string][] = [
      ['1.1', 'E', '4.5'],
      ['1.2', 'E', '2.5'],
      ['2.1', 'E', '4.5'],
      ['3.1', 'G', '年度增长目标差 0.3 个百分点，扣 0.5 分'],
      ['3.2', 'H', '实地查看、资料审核'],
      ['4.1', 'F', '全年未发生较大安全事故，隐患整改台账齐全'],
    ];
    for (const [code, col, text] of fixes) await typeInto(s, sheet, `${col}${rowOf(l, code)}`, text);
    await panel.getByRole('button', { name: s.ui('validate.runActive'), exact: true }).click();
    const counts = s.ui('validate.counts', { errors: leaves.length, warnings: 0 });
    await visible(panel.getByText(counts, { exact: true }), `"${counts}"`);
    const both = `${s.core('role.scorer')}${lang === 'zh-CN' ? '和' : ' and '}${s.core('role.reviewer')}`;
    for (const code of ['1.1', '1.2', '2.1', '3.1', '3.2', '4.1']) {
      const group = panel.locator(`[data-item="${code}"]`);
      await visible(
        group.getByText(s.core('SIGNER_MISSING', { item: code, name: nm(code), role: both }), { exact: true }),
        `${code}: signatures missing`,
      );
      checkEqual(await group.locator('li').count(), 1, `findings left for ${code}`);
    }
    for (const leaf of leaves) checkEqual(await status(leaf.code), s.core('status.needScorer'), `签字状态 of ${leaf.code}`);
    await s.shot('validate-fixed');
  });

  // signing: p01 (G1 scorer), p02 (G1 reviewer); then G2 and G3
  const g1 = leaves.filter((r) => r.group === 'G1').map((r) => r.code);
  const block1 = g1.filter((c) => c.startsWith('1.'));
  const selected = ['2.1', '2.2'];
  const rest = g1.filter((c) => !block1.includes(c) && !selected.includes(c));
  await s.step('the scorer unlocks with the passphrase and signs block 1, then the selected rows, then all his items', async () => {
    panel = await s.tab('sign');
    await visible(panel.getByText(s.ui('common.unit', { unit: l.unitName, id: 'u01' }), { exact: true }), 'the unit in the sign view');
    await s.axe('sign (choose person)');
    await unlock(s, panel, 'p01');
    await s.axe('sign (unlocked)');
    await signVia(s, panel, 'scorer', 'block', block1, '1');
    for (const code of block1) {
      checkEqual(await valueOf(s, sheet, `I${rowOf(l, code)}`), shown(s, 'p01'), `考核人 of ${code}`);
      checkEqual(await status(code), s.core('status.needReviewer'), `签字状态 of ${code}`);
    }
    // rows selected in Excel
    await s.page.evaluate(([sh, a]) => window.__harness.select(sh, a), [sheet, `A${rowOf(l, '2.1')}:M${rowOf(l, '2.2')}`] as const);
    await signVia(s, panel, 'scorer', 'selection', selected);
    await signVia(s, panel, 'scorer', 'all', rest);
    const recs = await signatures(s);
    checkEqual(
      recs.map((r) => [r.role, r.person, r.items]),
      [
        ['scorer', 'p01', block1],
        ['scorer', 'p01', selected],
        ['scorer', 'p01', rest],
      ],
      'signature records in _scoreseal',
    );
    check(
      recs.every((r) => typeof r.sig === 'string' && r.sig.length === 88),
      'each record carries a base64 Ed25519 signature',
    );
    checkEqual(await s.page.evaluate(() => window.__double.visibility('_scoreseal')), 'VeryHidden', '_scoreseal visibility');
  });

  await s.step('the scorer may not also sign as reviewer: refused with the reason, nothing written', async () => {
    const before = (await logOf(s)).length;
    await panel.getByRole('radio', { name: s.ui('role.reviewer'), exact: true }).check();
    await panel.getByRole('radio', { name: s.ui('sign.scope.all'), exact: true }).check();
    await panel.getByRole('button', { name: s.ui('sign.submit'), exact: true }).click();
    const alert = await visible(panel.getByRole('alert'), 'the refusal');
    const text = await textOf(alert);
    check(text.includes(s.ui('common.refused')), `refusal title in "${text}"`);
    for (const code of g1)
      check(text.includes(s.core('refuse.samePerson', { item: code })), `"${s.core('refuse.samePerson', { item: code })}" in "${text}"`);
    checkEqual((await logOf(s)).length, before, '_scoreseal rows after a refusal');
    await s.axe('sign (refused)');
  });

  await s.step('a second appraiser locks in, signs as reviewer: 考核人/复查人 names, 签字状态 = signed, signature log rows', async () => {
    await panel.getByRole('button', { name: s.ui('session.lock'), exact: true }).click();
    await unlock(s, panel, 'p02');
    await signVia(s, panel, 'reviewer', 'all', g1);
    for (const code of g1) {
      checkEqual(await valueOf(s, sheet, `I${rowOf(l, code)}`), shown(s, 'p01'), `考核人 of ${code}`);
      checkEqual(await valueOf(s, sheet, `J${rowOf(l, code)}`), shown(s, 'p02'), `复查人 of ${code}`);
      checkEqual(await status(code), lang === 'zh-CN' ? '已签字' : 'Signed', `签字状态 of ${code}`);
    }
    const last = (await signatures(s)).at(-1)!;
    checkEqual([last.role, last.person, last.unit, last.items], ['reviewer', 'p02', 'u01', g1], 'the reviewer signature record');
    checkEqual((last.digests as unknown[]).length, g1.length, 'one digest per item');
    await s.shot('signed-by-reviewer');
  });

  await s.step('the other groups sign (scorer, then reviewer); the sheet validates clean', async () => {
    for (const [group, scorer, reviewer] of [
      ['G2', 'p04', 'p05'],
      ['G3', 'p07', 'p09'],
    ] as const) {
      const codes = leaves.filter((r) => r.group === group).map((r) => r.code);
      await unlock(s, panel, scorer);
      await signVia(s, panel, 'scorer', 'all', codes);
      await unlock(s, panel, reviewer);
      await signVia(s, panel, 'reviewer', 'all', codes);
    }
    panel = await s.tab('validate');
    await panel.getByRole('button', { name: s.ui('validate.runActive'), exact: true }).click();
    await visible(panel.getByText(s.ui('validate.clean'), { exact: true }), `"${s.ui('validate.clean')}"`);
    await visible(panel.getByText(s.ui('stage.label', { stage: s.ui('stage.signed') }), { exact: true }), 'stage: signed');
    for (const leaf of leaves) checkEqual(await status(leaf.code), s.core('status.signed'), `签字状态 of ${leaf.code}`);
    checkEqual((await signatures(s)).length, 3 + 1 + 4, 'signature records');
    await s.shot('validate-clean');
    await s.axe('validate (clean)');
  });

  const ok = s.ok;
  await s.close();
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* (b) oversight                                                                                */
/* ------------------------------------------------------------------------------------------ */

export async function scenarioB(env: RunEnv, lang: HarnessLang): Promise<boolean> {
  const s = await Session.open(env, 'b-oversight', lang, 'signed');
  const l = await layoutOf(s, 'u01');
  const sheet = l.sheetName;
  const leaves = leavesOf(l);
  const k = Math.ceil(0.3333 * leaves.length);
  let sampled: string[] = [];
  let panel = s.pane.locator('#panel-oversight');

  await s.step('the oversight member opens 监审, sees every item double-signed, unlocks', async () => {
    panel = await s.tab('oversight');
    const progress = s.ui('oversight.signed', { done: leaves.length, total: leaves.length });
    await visible(panel.getByText(progress, { exact: true }), `"${progress}"`);
    await s.axe('oversight (choose person)');
    await unlock(s, panel, 'o01');
  });

  await s.step('draws the sample: the rows are highlighted and a signed sample record is logged', async () => {
    await panel.getByRole('button', { name: s.ui('oversight.draw'), exact: true }).click();
    const prefix = s.ui('oversight.drawn', { count: k, items: '' });
    const notice = await visible(panel.getByText(prefix), `"${prefix}…"`);
    sampled = (await textOf(notice)).slice(prefix.length).trim().split(/\s+/);
    checkEqual(sampled.length, k, 'number of sampled items (ceil(0.3333 × leaves))');
    await visible(panel.getByText(s.ui('oversight.sampled', { count: k }), { exact: true }), 'the sampled count');
    const rec = (await logOf(s)).at(-1)!;
    checkEqual(rec.kind, 'sample', 'the last _scoreseal record');
    checkEqual([rec.record?.person, rec.record?.unit, rec.record?.items], ['o01', 'u01', sampled], 'the sample record');
    check(/^[0-9a-f]{128}$/.test(String(rec.record?.seed)), 'the sample seed is the 64-byte VRF output in hex');
    check(Buffer.from(String(rec.record?.proof), 'base64').length === 80, 'the sample carries its 80-byte VRF proof');
    check(/^[0-9a-f]{64}$/.test(String(rec.record?.contentDigest)), 'the sample names the content digest it was drawn over');
    for (const leaf of leaves) {
      const fills = await Promise.all(
        ['A', 'E', 'M'].map((c) => cellOf(s, sheet, `${c}${leaf.row}`).then((x) => (x.fill ?? '').replace('#', '').toUpperCase())),
      );
      if (sampled.includes(leaf.code))
        checkEqual(fills, [PALETTE.sampledFill, PALETTE.sampledFill, PALETTE.sampledFill], `fill of sampled row ${leaf.code}`);
      else check(!fills.includes(PALETTE.sampledFill), `row ${leaf.code} is not highlighted (${fills.join(',')})`);
    }
    const recheckCol = await valueOf(s, sheet, `L${rowOf(l, sampled[0]!)}`);
    checkEqual(recheckCol, s.core('recheck.sampled'), `复核结果 of ${sampled[0]}`);
    await s.shot('sample-drawn');
    await s.axe('oversight (sample drawn)');
  });

  const adjusted = () => sampled.find((c) => !c.startsWith('6.'))!;
  await s.step('sealing before the re-checks is refused', async () => {
    await panel.getByLabel(s.ui('seal.password'), { exact: true }).fill('envelope-42');
    await panel.getByRole('button', { name: s.ui('seal.submit'), exact: true }).click();
    await visible(panel.getByRole('alert').filter({ hasText: s.core('refuse.recheckMissing', { count: k }) }), 'the refusal');
    checkEqual((await s.page.evaluate((sh) => window.__double.protection(sh), sheet)).password, null, 'sheet password (not sealed)');
  });

  await s.step('records the re-checks: one adjusted with a note, the others confirmed', async () => {
    const code = adjusted();
    const form = panel.getByRole('form', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
    await form.getByRole('radio', { name: s.ui('recheck.adjusted'), exact: true }).check();
    await form.getByLabel(s.ui('recheck.score'), { exact: true }).fill('1');
    await form.getByRole('button', { name: s.ui('recheck.submit'), exact: true }).click();
    await visible(form.getByRole('alert').filter({ hasText: s.core('refuse.recheckNote') }), 'a note is required when adjusting');
    await form.getByLabel(s.ui('recheck.note'), { exact: true }).fill('现场核实，扣分依据不足');
    await form.getByRole('button', { name: s.ui('recheck.submit'), exact: true }).click();
    await visible(form.getByText(s.ui('recheck.saved', { item: code }), { exact: true }), `saved ${code}`);
    for (const other of sampled.filter((c) => c !== code)) {
      const f = panel.getByRole('form', { name: new RegExp(`^${other.replace('.', '\\.')} `) });
      await f.getByRole('button', { name: s.ui('recheck.submit'), exact: true }).click();
      await visible(f.getByText(s.ui('recheck.saved', { item: other }), { exact: true }), `saved ${other}`);
    }
    await visible(panel.getByText(s.ui('oversight.rechecked', { done: k, total: k }), { exact: true }), 'all re-checked');
    checkEqual(await valueOf(s, sheet, `L${rowOf(l, code)}`), s.core('recheck.adjusted', { score: '1' }), `复核结果 of ${code}`);
    checkEqual(await valueOf(s, sheet, `M${rowOf(l, code)}`), '现场核实，扣分依据不足', `复核意见 of ${code}`);
    const other = sampled.find((c) => c !== code)!;
    checkEqual(await valueOf(s, sheet, `L${rowOf(l, other)}`), s.core('recheck.confirmed'), `复核结果 of ${other}`);
    const rechecks = (await logOf(s)).filter((r) => r.kind === 'recheck').map((r) => r.record ?? {});
    checkEqual(rechecks.length, k, 'recheck records');
    const adj = rechecks.find((r) => r.item === code);
    checkEqual([adj?.result, adj?.score, adj?.person], ['adjusted', '1', 'o01'], `the recheck record of ${code}`);
    // the original score stays on the sheet
    const original = await valueOf(s, sheet, `E${rowOf(l, code)}`);
    check(typeof original === 'number' && original !== 1, `the original score of ${code} stays (${String(original)})`);
    await s.axe('oversight (re-checked)');
  });

  await s.step(
    'seals with a password: the seal code is shown large and equals the sheet’s 密封码; sheet and structure protected',
    async () => {
      await panel.getByLabel(s.ui('seal.password'), { exact: true }).fill('envelope-42');
      await panel.getByRole('button', { name: s.ui('seal.submit'), exact: true }).click();
      const codeEl = await visible(s.pane.getByTestId('seal-code'), 'the seal code');
      const code = await textOf(codeEl);
      check(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/i.test(code), `seal code format: ${code}`);
      const size = await codeEl.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      check(size >= 28, `the seal code is shown large (font-size ${size}px)`);
      await visible(s.pane.getByText(s.ui('seal.done'), { exact: true }), 'sealed notice');
      checkEqual(await valueOf(s, sheet, `A${l.footer.sealCode}`), FOOTER_LABELS[lang].sealCode, '密封码 label');
      checkEqual(await valueOf(s, sheet, `B${l.footer.sealCode}`), code, `${sheet}!B${l.footer.sealCode} (密封码)`);
      checkEqual(await valueOf(s, sheet, `B${l.footer.oversight}`), shown(s, 'o01'), '监审人');
      check(String(await valueOf(s, sheet, `B${l.footer.sealStatus}`)) !== s.core('seal.none'), '密封状态 changed');
      const prot = await s.page.evaluate((sh) => window.__double.protection(sh), sheet);
      checkEqual([prot.protected, prot.password], [true, 'envelope-42'], 'sheet protection');
      checkEqual(
        await s.page.evaluate(() => window.__double.structure()),
        { protected: true, password: 'envelope-42' },
        'workbook structure protection',
      );
      checkEqual(
        await s.page.evaluate(([sh, a]) => window.__double.locked(sh, a), [sheet, `E${l.rows[1]!.row}:H${l.footer.total}`] as const),
        true,
        'input cells locked',
      );
      const seal = (await logOf(s)).at(-1)!;
      checkEqual([seal.kind, seal.record?.person, seal.record?.code], ['seal', 'o01', code], 'the seal record');
      // a person can no longer type into a score
      const typed = await s.page.evaluate(
        ([sh, a]) => {
          try {
            window.__double.type(sh, a, '1');
            return 'typed';
          } catch (e) {
            return (e as { code?: string }).code ?? String(e);
          }
        },
        [sheet, `E${leaves[0]!.row}`] as const,
      );
      checkEqual(typed, 'AccessDenied', 'typing into a score after sealing');
      check(!(await panel.getByRole('button', { name: s.ui('seal.submit'), exact: true }).count()), 'no more steps are offered');
      await s.shot('sealed');
      await s.axe('oversight (sealed)');
    },
  );

  await s.step('validating the sealed sheet changes nothing', async () => {
    const before = await s.page.evaluate(() => window.__double.syncCount);
    panel = await s.tab('validate');
    await panel.getByRole('button', { name: s.ui('validate.runActive'), exact: true }).click();
    await visible(panel.getByText(s.ui('validate.statusSkipped'), { exact: true }), 'statuses skipped');
    await visible(panel.getByText(s.ui('stage.label', { stage: s.ui('stage.sealed') }), { exact: true }), 'stage: sealed');
    await visible(panel.getByText(s.ui('validate.clean'), { exact: true }), 'no findings');
    const syncs = (await s.page.evaluate(() => window.__double.syncCount)) - before;
    check(syncs <= 3, `read-only validation (${syncs} syncs)`);
  });

  const ok = s.ok;
  await s.close();
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* (c) the Office                                                                               */
/* ------------------------------------------------------------------------------------------ */

export async function scenarioC(env: RunEnv, lang: HarnessLang, fixtures: Fixtures): Promise<boolean> {
  const s = await Session.open(env, 'c-office', lang, 'office');
  let panel = s.pane.locator('#panel-office');
  const units = ['u01', 'u02'];
  const names: Record<string, string> = { u01: '城关镇', u02: '河口镇' };

  await s.step('reads the setup sheets and generates the score sheets of two units', async () => {
    panel = await s.tab('office');
    await s.axe('office (start)');
    await panel.getByRole('button', { name: s.ui('office.read'), exact: true }).click();
    const planOk = s.ui('office.planOk', { title: '2026年度争先创优考核', units: 8, people: 12 });
    await visible(panel.getByText(planOk, { exact: true }), `"${planOk}"`);
    await panel.getByRole('checkbox', { name: s.ui('office.selectAll'), exact: true }).uncheck();
    for (const u of units) await panel.getByRole('checkbox', { name: `${names[u]}（${u}）`, exact: true }).check();
    await panel.getByRole('button', { name: s.ui('office.generate'), exact: true }).click();
    for (const u of units)
      await visible(panel.getByText(s.ui('office.generated', { sheet: names[u]! }), { exact: true }), `generated ${names[u]}`);
    const sheets = await sheetNames(s);
    for (const u of units) check(sheets.includes(names[u]!), `sheet ${names[u]} in ${sheets.join(', ')}`);
    checkEqual(await s.page.evaluate(() => window.__double.visibility('_scoreseal')), 'VeryHidden', '_scoreseal visibility');
    const plans = (await logOf(s)).filter((r) => r.kind === 'plan').map((r) => (r.record?.unit as { id: string }).id);
    checkEqual(plans, units, 'plan records in _scoreseal');
    const l = await layoutOf(s, 'u01');
    checkEqual(await valueOf(s, names.u01!, `K${l.rows[1]!.row}`), s.core('status.empty'), '签字状态 of a generated row');
    const prot = await s.page.evaluate((sh) => window.__double.protection(sh), names.u01!);
    checkEqual([prot.protected, prot.password], [true, null], 'generated sheet protected without password');
    checkEqual(
      await s.page.evaluate(([sh, a]) => window.__double.locked(sh, a), [names.u01!, `E${l.rows[1]!.row}:H${l.rows[1]!.row}`] as const),
      false,
      'input cells unlocked',
    );
    await s.shot('generated');
    await s.axe('office (generated)');
  });

  // the compile view: in the pane's Office tab once it is mounted there; else on its own
  let compileHost: Session = s;
  let where = 'the Office tab';
  await s.step('the compile view is in the Office tab', async () => {
    const mounted = await panel.getByTestId('compile-view').count();
    if (!mounted) {
      const placeholder = await panel.getByTestId('compile-placeholder').count();
      env.blocked.push(
        `${lang}: the Office tab shows ${placeholder ? 'CompilePlaceholder (data-testid="compile-placeholder")' : 'no compile view'} — src/taskpane/views/OfficeView.tsx renders <CompilePlaceholder />, not <CompileView>; the compile scenario ran on the compile view mounted alone by the harness (mount=compile)`,
      );
    }
  });
  if (!s.ok) {
    await s.close();
    return false;
  }
  if (!(await panel.getByTestId('compile-view').count())) {
    where = 'the compile view mounted alone';
    compileHost = await Session.open(env, 'c-compile-standalone', lang, 'office', 'compile');
    panel = compileHost.pane;
  }
  const c = compileHost;

  await c.step(`imports the sealed files (and a tampered copy) and compiles (${where})`, async () => {
    const view = c.pane.getByTestId('compile-view');
    await c.axe('compile (start)');
    const input = view.locator('input[type="file"][multiple]');
    await input.setInputFiles([...fixtures.files]);
    await visible(view.getByText(c.ui('compile.input.chosen', { count: fixtures.files.length }), { exact: true }).first(), 'files chosen');
    await view.getByRole('button', { name: c.ui('compile.run.start'), exact: true }).click();
    await visible(view.getByText(c.ui('compile.done.title'), { exact: true }), `"${c.ui('compile.done.title')}"`, 60_000);
    const phases = await view
      .locator('[data-phase]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-phase')}=${e.getAttribute('data-state')}`));
    checkEqual(phases, ['read=done', 'verified=done', 'written=done'], 'progress phases');
  });

  await c.step(
    'the workbook holds 汇总 with ranks equal to the command line’s, the appraiser analysis, the findings and a chart',
    async () => {
      const summary = c.core('compile.summary');
      const sheets = await sheetNames(c);
      for (const name of [summary, c.core('compile.appraisers'), c.core('compile.findings')])
        check(sheets.includes(name), `sheet ${name} in ${sheets.join(', ')}`);
      const rows = (await c.page.evaluate((sh) => window.__double.dump(sh).values, summary)).map((r) =>
        r.map((v) => (v === null ? '' : String(v))),
      );
      const unverifiedAt = rows.findIndex((r) => r[0] === c.core('compile.unverified'));
      check(unverifiedAt > 0, `the unverified section in ${summary}`);
      for (const e of fixtures.compile.filter((x) => x.status === 'verified')) {
        const row = rows.slice(0, unverifiedAt).find((r) => r[1] === e.unit);
        check(row, `row of ${e.unit} in ${summary}`);
        checkEqual(
          [row[0], row[2], row[3]],
          [String(e.rank), e.name, String(e.total)],
          `rank, unit, total of ${e.unit} (as scoreseal compile)`,
        );
        check(row.includes(e.grade), `grade ${e.grade} in the row of ${e.unit}`);
      }
      // u02 comes twice (the sealed sheet and its tampered copy): DUPLICATE_UNIT, neither ranked
      const failed = rows.slice(unverifiedAt + 1).filter((r) => r.includes('u02'));
      check(
        failed.length === 2 && failed.some((r) => r.some((v) => v.includes('tampered'))),
        `both copies of u02 are listed as unverified (${JSON.stringify(failed)})`,
      );
      const charts = await c.page.evaluate((sh) => window.__double.charts(sh), summary);
      check(charts.length >= 1, `a chart on ${summary}`);
      // the pane's own results
      for (const e of fixtures.compile.filter((x) => x.status === 'verified')) {
        const row = c.pane.locator(`[data-unit="${e.unit}"]`);
        check((await textOf(row)).includes(e.name), `ranking row of ${e.unit} in the pane`);
      }
      await visible(c.pane.getByText(c.ui('compile.status.duplicate'), { exact: true }).first(), 'the duplicated unit in the pane');
      await c.pane.getByTestId('compile-results').scrollIntoViewIfNeeded();
      await c.shot('compiled');
      await c.axe('compile (results)');
    },
  );

  const ok = s.ok && c.ok;
  if (c !== s) await c.close();
  await s.close();
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* accessibility sweep: every tab as it first opens                                              */
/* ------------------------------------------------------------------------------------------ */

export async function axeSweep(env: RunEnv, lang: HarnessLang): Promise<boolean> {
  const s = await Session.open(env, 'axe-sweep', lang, 'office');
  await s.step('axe on every tab of the pane as it opens (setup workbook)', async () => {
    for (const id of ['validate', 'sign', 'enrol', 'oversight', 'office'] as const) {
      await s.tab(id);
      await s.page.waitForTimeout(300);
      await s.axe(`${id} (as opened)`);
    }
    // the enrol view with a derived key
    const panel = await s.tab('enrol');
    await panel.getByLabel(s.ui('person.me'), { exact: true }).selectOption('p03');
    await panel.getByLabel(s.ui('enrol.passphrase'), { exact: true }).fill(passphrase('p03'));
    await panel.getByLabel(s.ui('enrol.repeat'), { exact: true }).fill(passphrase('p03'));
    await panel.getByRole('button', { name: s.ui('enrol.submit'), exact: true }).click();
    await visible(panel.getByText(s.ui('enrol.matches'), { exact: true }), 'the key matches the plan');
    await s.shot('enrol');
    await s.axe('enrol (key shown)');
  });
  const ok = s.ok;
  await s.close();
  return ok;
}

/** 自检: the host self-test over the double, from the tab and from the ribbon button's URL. */
export async function selfTestScenario(env: RunEnv, lang: HarnessLang): Promise<boolean> {
  const s = await Session.open(env, 'selftest', lang, 'u01');
  await s.step('run the self-test from its tab: every check passed, digests equal, nothing left behind', async () => {
    const before = await sheetNames(s);
    const panel = await s.tab('selftest');
    await panel.getByRole('button', { name: s.ui('selftest.run'), exact: true }).click();
    const table = panel.getByRole('table', { name: s.ui('selftest.table'), exact: true });
    await table.waitFor({ state: 'visible', timeout: 30_000 });
    const statuses = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-check')}=${r.getAttribute('data-status')}`));
    check(statuses.length >= 20, `the table lists every check (${statuses.length})`);
    const notPassed = statuses.filter((x) => !x.endsWith('=passed'));
    check(notPassed.length === 0, `every check passed over the double (not: ${notPassed.join(', ')})`);
    await visible(panel.getByText(s.ui('selftest.digestMatch'), { exact: true }), 'the digests agree');
    checkEqual(await sheetNames(s), before, 'the temporary sheets are gone');
    await s.shot('selftest');
    await s.axe('selftest (results)');
  });
  const ok1 = s.ok;
  await s.close();
  const r = await Session.open(env, 'selftest-ribbon', lang, 'u01', 'pane', '&view=selftest');
  await r.step('the ribbon button’s URL opens the pane on the self-test', async () => {
    const tab = r.pane.getByRole('tab', { name: r.ui('tab.selftest'), exact: true });
    check((await tab.getAttribute('aria-selected')) === 'true', 'the 自检 tab is selected');
    await visible(r.pane.getByRole('button', { name: r.ui('selftest.run'), exact: true }), 'the run button');
  });
  const ok2 = r.ok;
  await r.close();
  return ok1 && ok2;
}
