/**
 * The Office edge survives every host variant of the double (test/support/excel-double/
 * variants.ts): protection calls made only in the state they expect and repeated once with a
 * fresh state when it changed since the read, a wrong password reported as BadPassword whatever
 * code the host used, cells unlocked by the template stay unlocked (office-js#143), a template
 * refused up front under structure protection, the >512 merged areas and >5,000,000-cell reads,
 * the selection read isolated, and unsealing one of several sheets sealed with different
 * passwords.
 */
import type { SheetPatch } from '../../src/core/sheet/patch';
import { encodeLogRow } from '../../src/core/sheet/log';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import {
  applyPatch,
  OfficeEdgeError,
  ORDINARY_PROTECTION,
  readScoreSheet,
  readSelection,
  readSheetAndSelection,
  renderTemplate,
  run,
  unprotectStructure,
} from '../../src/office';
import { errorMessageId } from '../../src/taskpane/errors';
import { ExcelDouble, VARIANTS, type HostVariant } from '../support/excel-double';
import { col, examplePlan, leafRows, logInit, scoreWorkbook, sheetInit, templateOf } from './fixtures';

const plan = examplePlan();
const tpl = templateOf(plan, 'u01');
const tpl2 = templateOf(plan, 'u02');

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());
const use = (d: ExcelDouble): ExcelDouble => ((uninstall = d.install()), d);

const signRecord = (unit: string, n: number): string[] =>
  encodeLogRow('signature', { role: 'scorer', person: 'p01', unit, items: [`${n}`], signedAt: `2026-03-01T08:00:0${n}.000Z` });
const sealRecord = (unit: string): string[] =>
  encodeLogRow('seal', { person: 'o01', unit, sealedAt: '2026-03-02T08:00:00.000Z', digest: 'd', code: 'c', sig: 's' });
const unsealRecord = (unit: string): string[] =>
  encodeLogRow('unseal', { person: 'x01', unit, reason: 'r', unsealedAt: '2026-03-03T08:00:00.000Z', sig: 's' });

/** A derived-cell write, a lock, an unlock and a log row: what signing does. */
function signPatch(sheetName: string, n = 1): SheetPatch {
  const row = leafRows(tpl)[0]!;
  return {
    sheetName,
    writes: [{ row, col: col('scorer'), values: [['张伟', null, '待复查人签字', null, null]] }],
    appendLog: [signRecord('u01', n)],
    lock: [`E${row}:H${row}`],
    unlock: [`E${row + 1}:H${row + 1}`],
  };
}
const sealPatch = (sheetName: string, unit: string, password: string): SheetPatch => ({
  sheetName,
  writes: [],
  appendLog: [sealRecord(unit)],
  seal: { password },
});
const unsealPatch = (sheetName: string, unit: string, password: string): SheetPatch => ({
  sheetName,
  writes: [],
  appendLog: [unsealRecord(unit)],
  unseal: { password },
});

const edgeError = (p: Promise<unknown>): Promise<OfficeEdgeError> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => {
      if (e instanceof OfficeEdgeError) return e;
      throw e;
    },
  );

const twoSheets = (variant: HostVariant): ExcelDouble =>
  ExcelDouble.fromData(
    {
      sheets: {
        [tpl.sheetName]: sheetInit(tpl),
        [tpl2.sheetName]: sheetInit(tpl2),
        [LOG_SHEET]: logInit([tpl.planLogRow, tpl2.planLogRow]),
      },
    },
    { variant },
  );

describe.each(VARIANTS.map((v) => [v.name, v] as const))('the Office edge under the variant "%s"', (_name, variant) => {
  it('signs an ordinarily protected sheet: written, logged, protected again without a password', async () => {
    const d = use(scoreWorkbook(tpl, { variant }));
    const read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run((c) => applyPatch(c, signPatch(tpl.sheetName), { state: read.state }));
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
    expect(d.dump(LOG_SHEET).values.map((r) => r[0])).toEqual(['plan', 'signature']);
    // the unlocked row stays typable (office-js#143: the protection came in a later sync)
    const row = leafRows(tpl)[0]! + 1;
    expect(d.locked(tpl.sheetName, `E${row}:H${row}`)).toBe(false);
  });

  it('writes when the protection changed since the read: unprotected meanwhile, or protected meanwhile', async () => {
    const d = use(scoreWorkbook(tpl, { variant }));
    const read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run(async (c) => (c.workbook.worksheets.getItem(tpl.sheetName).protection.unprotect(), c.sync()));
    await run((c) => applyPatch(c, signPatch(tpl.sheetName, 1), { state: read.state }));
    expect(d.protection(tpl.sheetName).password).toBeNull(); // ordinary protection at most
    const stale = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run(async (c) => {
      const p = c.workbook.worksheets.getItem(tpl.sheetName).protection.load('protected');
      await c.sync();
      if (!p.protected) c.workbook.worksheets.getItem(tpl.sheetName).protection.protect(ORDINARY_PROTECTION);
      await c.sync();
    });
    await run((c) => applyPatch(c, signPatch(tpl.sheetName, 2), { state: stale.state }));
    expect(d.protection(tpl.sheetName)).toMatchObject({ protected: true, password: null });
    expect(d.dump(LOG_SHEET).values.map((r) => r[0])).toEqual(['plan', 'signature', 'signature']);
  });

  it('refuses to write to a sealed sheet (AccessDenied, "protected, perhaps sealed"), nothing changed', async () => {
    const d = use(scoreWorkbook(tpl, { variant }));
    const read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run((c) => applyPatch(c, sealPatch(tpl.sheetName, 'u01', 'pw'), { state: read.state }));
    const sealed = await run((c) => readScoreSheet(c, tpl.sheetName));
    const before = d.dump(tpl.sheetName);
    const e = await edgeError(run((c) => applyPatch(c, signPatch(tpl.sheetName), { state: sealed.state })));
    expect(e.detail).toBe('AccessDenied');
    expect(errorMessageId(e)).toBe('error.AccessDenied');
    expect(d.dump(tpl.sheetName)).toEqual(before);
  });

  it('an unseal with a wrong password is BadPassword, whatever code the host used; the right one unseals', async () => {
    const d = use(scoreWorkbook(tpl, { variant }));
    let read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run((c) => applyPatch(c, sealPatch(tpl.sheetName, 'u01', 'pw'), { state: read.state }));
    read = await run((c) => readScoreSheet(c, tpl.sheetName));
    const e = await edgeError(run((c) => applyPatch(c, unsealPatch(tpl.sheetName, 'u01', 'wrong'), { state: read.state })));
    expect(e.detail).toBe('BadPassword');
    expect(errorMessageId(e)).toBe('error.BadPassword');
    const r = await run((c) => applyPatch(c, unsealPatch(tpl.sheetName, 'u01', 'pw'), { state: read.state }));
    expect(r.structure).toBe('removed');
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
    expect(d.structure().protected).toBe(false);
    // sealing again applies the new password (no unprotect(password) of a passwordless sheet: office-js#762)
    read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run((c) => applyPatch(c, signPatch(tpl.sheetName), { state: read.state }));
    read = await run((c) => readScoreSheet(c, tpl.sheetName));
    await run((c) => applyPatch(c, sealPatch(tpl.sheetName, 'u01', 'pw2'), { state: read.state }));
    expect(d.protection(tpl.sheetName).password).toBe('pw2');
  });

  it('unsealing one of two sheets sealed with different passwords keeps the structure the other relies on', async () => {
    const d = use(twoSheets(variant));
    const seal = async (t: typeof tpl, unit: string, pw: string): Promise<void> => {
      const read = await run((c) => readScoreSheet(c, t.sheetName));
      await run((c) => applyPatch(c, sealPatch(t.sheetName, unit, pw), { state: read.state }));
    };
    const unseal = async (t: typeof tpl, unit: string, pw: string, structurePassword?: string) => {
      const read = await run((c) => readScoreSheet(c, t.sheetName));
      return run((c) =>
        applyPatch(c, unsealPatch(t.sheetName, unit, pw), { state: read.state, ...(structurePassword ? { structurePassword } : {}) }),
      );
    };
    await seal(tpl, 'u01', 'pa');
    await seal(tpl2, 'u02', 'pb');
    expect(d.structure()).toEqual({ protected: true, password: 'pa' }); // the first seal's
    expect((await unseal(tpl, 'u01', 'pa')).structure).toBe('kept'); // u02 is still sealed
    expect(d.structure().protected).toBe(true);
    // the last sealed sheet, with a password other than the structure's: unsealed, structure needs its own
    expect((await unseal(tpl2, 'u02', 'pb')).structure).toBe('passwordNeeded');
    expect(d.protection(tpl2.sheetName).password).toBeNull();
    expect((await edgeError(run((c) => unprotectStructure(c, 'pb')))).detail).toBe('BadPassword');
    await run((c) => unprotectStructure(c, 'pa'));
    expect(d.structure().protected).toBe(false);
  });

  it('renders a template whose input cells stay unlocked (office-js#143), and refuses it up front under structure protection', async () => {
    const d = use(ExcelDouble.fromData({ sheets: { Sheet1: {} } }, { variant }));
    await run((c) => renderTemplate(c, tpl));
    for (const range of tpl.inputRanges) expect(d.locked(tpl.sheetName, range)).toBe(false);
    expect(d.protection(tpl.sheetName).protected).toBe(true);
    const sealed = use(ExcelDouble.fromData({ sheets: { Sheet1: {} }, structure: { password: 'pw' } }, { variant }));
    const e = await edgeError(run((c) => renderTemplate(c, tpl2)));
    expect(e.detail).toBe('StructureProtected');
    expect(errorMessageId(e)).toBe('error.StructureProtected');
    expect(sealed.sheetNames()).toEqual(['Sheet1']);
  });

  it('reads a sheet with more than 512 merged areas (in row bands), and reports a >5,000,000-cell sheet as too large', async () => {
    // 600 merged pairs beside the table (with values: part of the used range)
    const merges = Array.from({ length: 600 }, (_, i) => `N${i + 1}:O${i + 1}`);
    const values = tpl.cells.map((r) => [...r]);
    for (let i = 0; i < 600; i++) (values[i] ??= [])[13] = `m${i}`;
    use(
      ExcelDouble.fromData({ sheets: { [tpl.sheetName]: { ...sheetInit(tpl), values, merges: [...tpl.merges, ...merges] } } }, { variant }),
    );
    const read = await run((c) => readScoreSheet(c, tpl.sheetName));
    expect(read.sheet.merges).toHaveLength(tpl.merges.length + 600);
    expect(read.sheet.merges).toEqual(expect.arrayContaining(['N600:O600', ...tpl.merges]));

    const big = use(ExcelDouble.fromData({ sheets: { S: { values: [['x']] } } }, { variant, responseBytes: Infinity }));
    big.type('S', 'XFC400', 'far');
    const e = await edgeError(run((c) => readScoreSheet(c, 'S')));
    expect(e.detail).toBe(variant.largeRead === 'null' ? 'TooLarge' : 'RangeExceedsLimit');
    expect(errorMessageId(e)).toBe('error.TooLarge'); // never a TypeError
  });

  it.each([
    ['multiArea', 'InvalidSelection', 'notOneBlock'],
    ['chart', 'InvalidSelection', 'notOneBlock'],
    ['otherWorkbook', 'InactiveWorkbook', 'otherWorkbook'],
  ] as const)('a %s selection: "select one block of rows", nothing else read', async (kind, code, problem) => {
    const d = use(scoreWorkbook(tpl, { variant }));
    d.selectOther(kind);
    d.resetCounters();
    const e = await edgeError(run((c) => readSheetAndSelection(c, tpl.sheetName)));
    expect(e.detail).toBe(code);
    expect(d.syncCount).toBe(1); // the selection's own sync; the sheet was not read
    expect(await run((c) => readSelection(c))).toMatchObject({ ok: false, problem });
    d.select(tpl.sheetName, 'A10:M12');
    const ok = await run((c) => readSheetAndSelection(c, tpl.sheetName));
    expect(ok.selection).toEqual({ sheetName: tpl.sheetName, firstRow: 10, lastRow: 12 });
    expect(ok.read.sheet.name).toBe(tpl.sheetName);
  });
});

describe('the Office edge and cell edit mode', () => {
  it('waits for the person to leave cell edit mode (delayForCellEdit) instead of failing', async () => {
    const d = use(scoreWorkbook(tpl));
    d.editCell();
    const read = run((c) => readScoreSheet(c, tpl.sheetName));
    await new Promise((r) => setTimeout(r, 10));
    expect(d.delayedRuns).toBe(1);
    d.endCellEdit();
    expect((await read).sheet.name).toBe(tpl.sheetName);
  });
});
