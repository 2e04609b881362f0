/**
 * The double's protection (excel-double/protection.ts) in every host variant: the wrong state
 * (the reference: protect() "fails if the worksheet has already been protected"; a no-op in
 * practice; AccessDenied from mid-2026, office-js#6784), the wrong password's code,
 * office-js#762 (a password ignored after unprotect(password) of a passwordless sheet) and
 * office-js#143 (cells unlocked in the protecting batch stay locked on the web).
 */
import { BUILDS_2026, DESKTOP_PRACTICE, DOCUMENTED, ExcelDouble, VARIANTS, WEB_2018, type HostVariant } from '../support/excel-double';
import { rejection } from './double-support';

const open = (variant: HostVariant, protectedWith?: string): ExcelDouble =>
  ExcelDouble.fromData(
    {
      sheets: { S: { values: [['x']], ...(protectedWith !== undefined ? { protection: { password: protectedWith || undefined } } : {}) } },
    },
    { variant },
  );

describe.each(VARIANTS.map((v) => [v.name, v] as const))('excel double: protection (%s)', (_name, variant) => {
  it('protect() on a protected sheet and workbook: as the variant says', async () => {
    const d = open(variant, 'pw');
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('S').protection.protect({}, 'other');
    const sheet = variant.protectWhenProtected === 'noop' ? null : (await rejection(ctx.sync())).code;
    if (sheet === null) await ctx.sync();
    expect(sheet).toBe(variant.protectWhenProtected === 'noop' ? null : variant.protectWhenProtected);
    expect(d.protection('S').password).toBe('pw'); // never changed
    ctx.workbook.protection.protect('a');
    await ctx.sync();
    ctx.workbook.protection.protect('b');
    if (variant.protectWhenProtected === 'noop') await ctx.sync();
    else expect((await rejection(ctx.sync())).code).toBe(variant.protectWhenProtected);
    expect(d.structure()).toEqual({ protected: true, password: 'a' });
  });

  it('unprotect() on an unprotected sheet and workbook: as the variant says', async () => {
    const d = open(variant);
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('S').protection.unprotect();
    if (variant.unprotectWhenUnprotected === 'noop') await ctx.sync();
    else expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    ctx.workbook.protection.unprotect();
    if (variant.unprotectWhenUnprotected === 'noop') await ctx.sync();
    else expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
  });

  it("a wrong password fails with the variant's code, and the sheet stays protected", async () => {
    const d = open(variant, 'pw');
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('S').protection.unprotect('wrong');
    expect((await rejection(ctx.sync())).code).toBe(variant.wrongPassword);
    expect(d.protection('S')).toMatchObject({ protected: true, password: 'pw' });
    ctx.workbook.worksheets.getItem('S').protection.unprotect('pw');
    await ctx.sync();
    expect(d.protection('S').protected).toBe(false);
  });

  it('office-js#762: unprotect(password) of a sheet protected without one, then protect(…, password)', async () => {
    const d = open(variant, '');
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.protection.unprotect('pw');
    await ctx.sync();
    ws.protection.protect({}, 'pw');
    await ctx.sync();
    expect(d.protection('S').password).toBe(variant.passwordAfterUnprotectWithPassword === 'ignored' ? null : 'pw');
  });

  it('office-js#143: cells unlocked in the batch that protects the sheet', async () => {
    const d = open(variant);
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('B2').format.protection.locked = false;
    ws.protection.protect();
    await ctx.sync();
    expect(d.locked('S', 'B2')).toBe(variant.unlockThenProtectSameBatch === 'staysLocked');
    // in separate batches the unlock holds everywhere
    const d2 = open(variant);
    const c2 = d2.newContext();
    c2.workbook.worksheets.getItem('S').getRange('B2').format.protection.locked = false;
    await c2.sync();
    c2.workbook.worksheets.getItem('S').protection.protect();
    await c2.sync();
    expect(d2.locked('S', 'B2')).toBe(false);
  });

  it('a protected sheet refuses writes to locked cells and format changes (AccessDenied)', async () => {
    const d = open(variant, '');
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['y']];
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    ctx.workbook.worksheets.getItem('S').getRange('A1').format.fill.color = '#FF0000';
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    expect(d.cell('S', 'A1').value).toBe('x');
  });
});

describe('excel double: the variants differ where the sources say builds differ', () => {
  it('has a documented default and four variants with distinct choices', () => {
    expect(new ExcelDouble().variant).toBe(DOCUMENTED);
    expect(VARIANTS).toEqual([DOCUMENTED, DESKTOP_PRACTICE, WEB_2018, BUILDS_2026]);
    for (const key of [
      'protectWhenProtected',
      'wrongPassword',
      'passwordAfterUnprotectWithPassword',
      'unlockThenProtectSameBatch',
      'largeRead',
      'cellEditError',
    ] as const)
      expect(new Set(VARIANTS.map((v) => v[key])).size).toBeGreaterThan(1);
  });
});
