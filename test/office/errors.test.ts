/** The run wrapper, error mapping, feature detection and selecting a cell. */
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { OFFICE_ERROR_CODES, OfficeEdgeError, toOfficeEdgeError } from '../../src/office/errors';
import { readScoreSheet } from '../../src/office/read';
import { run } from '../../src/office/run';
import { selectCell } from '../../src/office/select';
import { supports } from '../../src/office/support';
import { ExcelDouble, RichApiError } from '../support/excel-double';
import { examplePlan, scoreWorkbook, templateOf } from './fixtures';

let uninstall: (() => void) | null = null;
function install(d: ExcelDouble): ExcelDouble {
  uninstall = d.install();
  return d;
}
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

async function edgeError(p: Promise<unknown>): Promise<OfficeEdgeError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof OfficeEdgeError)) throw new Error(`expected an OfficeEdgeError, got ${String(e)}`);
  return e;
}

describe('run', () => {
  it('maps ItemNotFound, keeping the cause and never the raw message', async () => {
    install(ExcelDouble.fromData({ sheets: { S: {} } }));
    const e = await edgeError(run((ctx) => readScoreSheet(ctx, '不存在')));
    expect(e.code).toBe('ItemNotFound');
    expect(e.cause).toBeInstanceOf(RichApiError);
    expect(e.message).toBe('Office: ItemNotFound');
    expect(e.message).not.toContain('不存在');
  });

  it('maps AccessDenied from a write to a locked cell of a protected sheet', async () => {
    const tpl = templateOf(examplePlan());
    install(scoreWorkbook(tpl));
    const e = await edgeError(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem(tpl.sheetName).getRange('A1').values = [['x']];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe('AccessDenied');
  });

  it('maps the payload limits and cell edit mode', async () => {
    const d = install(ExcelDouble.fromData({ sheets: { S: {} } }, { requestBytes: 1000 }));
    const big = run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['x'.repeat(2000)]];
      await ctx.sync();
    });
    expect((await edgeError(big)).code).toBe('RequestPayloadSizeLimitExceeded');
    // a cell edit begun while the batch runs (delayForCellEdit only delays the start)
    const editing = run(async (ctx) => {
      d.editCell();
      return readScoreSheet(ctx, 'S');
    });
    expect((await edgeError(editing)).code).toBe('InvalidOperationInCellEditMode');
    d.endCellEdit();
  });

  it('maps unknown Office codes to GeneralException and leaves other errors alone', async () => {
    install(ExcelDouble.fromData({ sheets: { S: {} } }));
    const notLoaded = run(async (ctx) => ctx.workbook.worksheets.getItem('S').name);
    expect((await edgeError(notLoaded)).code).toBe('GeneralException');
    const bug = new TypeError('our own bug');
    await expect(
      run(() => {
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(toOfficeEdgeError(bug)).toBe(bug);
  });

  it('passes results through and flushes what the batch left queued', async () => {
    const d = install(ExcelDouble.fromData({ sheets: { S: {} } }));
    const out = await run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('B2').values = [['late']];
      return 42;
    });
    expect(out).toBe(42);
    expect(d.cell('S', 'B2').value).toBe('late');
  });

  it('exports every code the pane needs a message for', () => {
    expect(OFFICE_ERROR_CODES).toEqual(
      expect.arrayContaining([
        'InvalidOperationInCellEditMode',
        'ItemNotFound',
        'AccessDenied',
        'RequestPayloadSizeLimitExceeded',
        'InvalidArgument',
        'GeneralException',
      ]),
    );
  });
});

describe('supports', () => {
  it.each([
    ['1.7', { '1.8': false, '1.9': false, '1.13': false }],
    ['1.9', { '1.8': true, '1.9': true, '1.13': false }],
    ['1.13', { '1.8': true, '1.9': true, '1.13': true }],
  ] as const)('on an ExcelApi %s host', (version, expected) => {
    install(new ExcelDouble({ apiVersion: version }));
    expect({ '1.8': supports('1.8'), '1.9': supports('1.9'), '1.13': supports('1.13') }).toEqual(expected);
  });

  it('is false outside Office', () => {
    expect(supports('1.8')).toBe(false);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const tpl = templateOf(examplePlan());
    const d = install(scoreWorkbook(tpl, {}, { 说明: { values: [['x']] } }));
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('说明').activate();
    await ctx.sync();
    d.resetCounters();
    await selectCell(ctx, tpl.sheetName, 'E7');
    expect(d.syncCount).toBe(1);
    expect(d.activeSheet()).toBe(tpl.sheetName);
    expect(d.selection).toEqual({ sheet: tpl.sheetName, address: 'E7' });
  });

  it('cannot select on the very hidden log sheet', async () => {
    const tpl = templateOf(examplePlan());
    install(scoreWorkbook(tpl));
    await expect(run((ctx) => selectCell(ctx, LOG_SHEET, 'A1'))).rejects.toBeInstanceOf(OfficeEdgeError);
  });
});
