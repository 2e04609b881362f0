/**
 * The host self-test (src/office/selftest) against the double, under every host variant: it
 * passes every check the variant supports, reports what the variant does where builds differ,
 * computes the fixture's canonical digest through the host equal to the core's, and leaves the
 * workbook as it found it. The same fixture through the file edge (ExcelJS writes it, the lean
 * reader reads it back) gives the same digest: the cross-edge check the self-test makes in Excel.
 */
import ExcelJS from 'exceljs';
import { runSelfTest, type SelfTestReport } from '../../src/office';
import { expectedFixtureDigest, fixtureDigest, SELFTEST_FIXTURE } from '../../src/office/selftest/fixture';
import { readWorkbookBuffer } from '../../src/xlsx/buffer';
import { DESKTOP_PRACTICE, DOCUMENTED, ExcelDouble, VARIANTS, WEB_2018, BUILDS_2026, type HostVariant } from '../support/excel-double';

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function selfTest(d: ExcelDouble): Promise<SelfTestReport> {
  uninstall = d.install();
  return runSelfTest({ run: (batch) => d.run(batch), suffix: 'test' });
}
const statuses = (r: SelfTestReport): Record<string, string> => Object.fromEntries(r.results.map((x) => [x.id, x.status]));
const result = (r: SelfTestReport, id: string) => r.results.find((x) => x.id === id)!;
const book = (variant: HostVariant = DOCUMENTED, apiVersion = '1.13'): ExcelDouble =>
  ExcelDouble.fromData(
    { sheets: { 数据: { values: [['保留', 1]] }, _scoreseal: { values: [['plan', '{}']], visibility: 'VeryHidden' } } },
    { variant, apiVersion },
  );

describe('the host self-test against the double', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))(
    '%s: every supported check passes, the digests agree, nothing is left behind',
    async (_n, variant) => {
      const d = book(variant);
      d.select('数据', 'A1:B1');
      const before = {
        names: d.sheetNames(),
        data: d.dump('数据'),
        log: d.dump('_scoreseal'),
        structure: d.structure(),
        active: d.activeSheet(),
      };
      const r = await selfTest(d);
      const expectFailed = variant.unlockThenProtectSameBatch === 'staysLocked' ? ['unlock.protect'] : [];
      expect(r.results.filter((x) => x.status !== 'passed').map((x) => x.id)).toEqual(expectFailed);
      expect(r.digests.host).toBe(r.digests.expected);
      expect(r.digests.expected).toBe(expectedFixtureDigest());
      expect(result(r, 'password.wrong').code).toBe(variant.wrongPassword);
      expect(result(r, 'protect.again')).toMatchObject(
        variant.protectWhenProtected === 'noop' ? { observed: 'no-op' } : { code: variant.protectWhenProtected },
      );
      expect(result(r, 'veryHidden.delete').code).toBe('InvalidOperation');
      expect(result(r, 'write.locked').code).toBe('AccessDenied');
      expect(result(r, 'readComputeWrite').observed).toMatch(/^2 syncs · \d+ ms$/);
      expect(result(r, 'usDate').observed).toBe('45293');
      expect({
        names: d.sheetNames(),
        data: d.dump('数据'),
        log: d.dump('_scoreseal'),
        structure: d.structure(),
        active: d.activeSheet(),
      }).toEqual(before);
    },
  );

  it('reports the variants where they differ', async () => {
    expect(result(await selfTest(book(DESKTOP_PRACTICE)), 'password.wrong').code).toBe('AccessDenied');
    expect(result(await selfTest(book(BUILDS_2026)), 'protect.again').code).toBe('AccessDenied');
    expect(result(await selfTest(book(WEB_2018)), 'unlock.protect')).toMatchObject({
      status: 'failed',
      code: 'AccessDenied',
      observed: 'office-js#143',
    });
  });

  it('on an ExcelApi 1.7 host: the newer sets and data validation are unsupported, the rest passes', async () => {
    const r = await selfTest(book(DOCUMENTED, '1.7'));
    const s = statuses(r);
    expect([s['api.1.7'], s['api.1.8'], s['api.1.9'], s['api.1.13'], s.validation, s['validation.limits']]).toEqual([
      'passed',
      'unsupported',
      'unsupported',
      'unsupported',
      'unsupported',
      'unsupported',
    ]);
    expect(r.results.filter((x) => x.status === 'failed')).toEqual([]);
  });

  it('stops when the structure is protected (a sealed workbook): nothing written, the rest not run', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {} }, structure: { password: 'pw' } });
    const r = await selfTest(d);
    expect(result(r, 'sheet.add')).toMatchObject({ status: 'failed', code: 'StructureProtected' });
    expect(result(r, 'values')).toMatchObject({ status: 'unsupported', observed: 'not run' });
    expect(d.sheetNames()).toEqual(['S']);
    expect(d.structure()).toEqual({ protected: true, password: 'pw' });
  });

  it('reports a selection Excel cannot give as one range', async () => {
    const d = book();
    d.selectOther('multiArea');
    expect(result(await selfTest(d), 'selection')).toMatchObject({ status: 'failed', code: 'InvalidSelection', observed: 'notOneBlock' });
  });

  it('reports a changed cell and a digest that differs (the double made to round a double like 15 digits would)', async () => {
    const d = book();
    uninstall = d.install();
    // a host that stores 0.1+0.2 as 0.3 (15 significant digits)
    const r = await runSelfTest({
      suffix: 'test',
      run: (batch) =>
        d.run(async (ctx) => {
          const sync = ctx.sync.bind(ctx);
          ctx.sync = (async (v?: unknown) => {
            const out = await sync(v);
            const s = d.model.sheets.find((x) => x.name === 'ScoreSeal-selftest-test');
            const c = s?.cell(1, 2);
            if (c?.content?.t === 'num' && c.content.v === 0.1 + 0.2) s!.put(1, 2, { content: { t: 'num', v: 0.3 } });
            return out;
          }) as typeof ctx.sync;
          return batch(ctx);
        }),
    });
    expect(result(r, 'digest').status).toBe('failed');
    expect(r.digests.host).not.toBe(r.digests.expected);
    expect(result(r, 'values').observed).toBe('C2 n:0.3');
  });
});

describe('the self-test fixture on the file edge (cross-edge)', () => {
  it('written by ExcelJS and read back by the lean reader, it has the digest the core expects', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('fixture');
    SELFTEST_FIXTURE.forEach((row, r) =>
      row.forEach((cell, c) => {
        const target = ws.getCell(r + 1, c + 1);
        const v = cell.value;
        if (v === null) return;
        if (typeof v === 'object' && 'formula' in v) target.value = { formula: v.formula.replace(/^=/, ''), result: 2 };
        else if (typeof v === 'object' && 'error' in v) target.value = { error: v.error } as ExcelJS.CellErrorValue;
        else target.value = v;
        if (cell.format) target.numFmt = cell.format;
      }),
    );
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readWorkbookBuffer(bytes, 'fixture.xlsx');
    const sheet = read.raw.sheets.find((s) => s.name === 'fixture');
    expect(sheet).toBeDefined();
    expect(fixtureDigest(sheet!.cells)).toBe(expectedFixtureDigest());
  });
});
