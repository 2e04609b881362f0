/**
 * Protection, as the reference documents it and as hosts have behaved:
 *  - a protected sheet refuses writes to locked cells and format changes its options do not
 *    allow (AccessDenied);
 *  - `WorksheetProtection.protect(options, password)` (ExcelApi 1.2; password 1.7) and
 *    `unprotect(password)` (1.7 for the password), `WorkbookProtection.protect/unprotect`
 *    (ExcelApi 1.7), with the behaviour in the wrong state, the wrong-password error,
 *    office-js#762 and office-js#143 chosen by the double's {@link HostVariant};
 *  - `FormatProtection.locked` (ExcelApi 1.2).
 */
import { ClientObject, accessors, type Props } from './client';
import { E, err } from './errors';
import { cellsIn, letters, type ProtectionOptions, type RangeT, type SheetModel, type WorkbookModel } from './model';
import type { HostVariant } from './variants';

/** A format change on a protected sheet: refused unless the protection's options allow it. */
export function guardFormat(t: RangeT, allow: keyof ProtectionOptions | null, what: string): void {
  const p = t.sheet.protection;
  if (p.protected && !(allow && p.options[allow]))
    throw err(E.accessDenied, `The cell or chart you're trying to change is on a protected sheet (${what}).`, what);
}

/** A write to cells of a protected sheet: refused when any of them is locked. */
export function guardCells(t: RangeT, what: string): void {
  if (!t.sheet.protection.protected) return;
  const { rect } = t;
  if (cellsIn(rect) > 1_000_000) throw err(E.accessDenied, 'The range is on a protected sheet.', what);
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++)
      if (t.sheet.isLocked(r, c)) throw err(E.accessDenied, `The cell ${letters(c)}${r + 1} is locked on a protected sheet.`, what);
}

/** The error of a call made in the wrong protection state, or null when the variant ignores it. */
function wrongState(code: 'InvalidOperation' | 'AccessDenied' | 'noop', message: string, where: string): void {
  if (code === 'noop') return;
  throw err(code === 'AccessDenied' ? E.accessDenied : E.invalidOperation, message, where);
}

function wrongPassword(variant: HostVariant, where: string): never {
  throw err(variant.wrongPassword, 'The password you supplied is incorrect.', where);
}

/** `WorksheetProtection.protect(options, password)` on the model. */
export function protectSheet(s: SheetModel, variant: HostVariant, options: ProtectionOptions | null, password: string | null): void {
  const where = 'WorksheetProtection.protect';
  if (s.protection.protected) {
    // "Fails if the worksheet has already been protected" (reference), a silent no-op in
    // practice, AccessDenied from mid-2026 (office-js#6784)
    wrongState(variant.protectWhenProtected, 'The worksheet is already protected.', where);
    return;
  }
  // office-js#762: after unprotect(password) on a sheet protected without one, the password is ignored
  const ignored = s.passwordIgnored && variant.passwordAfterUnprotectWithPassword === 'ignored';
  s.protection = { protected: true, password: ignored ? null : password || null, options: { ...(options ?? {}) } };
  // office-js#143 (Excel on the web, 2018): cells unlocked earlier in the same batch stay locked
  if (variant.unlockThenProtectSameBatch === 'staysLocked') for (const rect of s.batchUnlocks) s.setFormat('locked', rect, true);
}

/** `WorksheetProtection.unprotect(password)` on the model. */
export function unprotectSheet(s: SheetModel, variant: HostVariant, password: string | null): void {
  const where = 'WorksheetProtection.unprotect';
  if (!s.protection.protected) {
    wrongState(variant.unprotectWhenUnprotected === 'AccessDenied' ? 'AccessDenied' : 'noop', 'The worksheet is not protected.', where);
    return;
  }
  if (s.protection.password !== null && s.protection.password !== password) wrongPassword(variant, where);
  if (s.protection.password === null && password) s.passwordIgnored = true;
  s.protection = { protected: false, password: null, options: {} };
}

/** `WorkbookProtection.protect(password)` on the model. */
export function protectStructure(wb: WorkbookModel, variant: HostVariant, password: string | null): void {
  if (wb.structure.protected) {
    wrongState(variant.protectWhenProtected, 'The workbook is already protected.', 'WorkbookProtection.protect');
    return;
  }
  wb.structure = { protected: true, password: password || null };
}

/** `WorkbookProtection.unprotect(password)` on the model. */
export function unprotectStructure(wb: WorkbookModel, variant: HostVariant, password: string | null): void {
  const where = 'WorkbookProtection.unprotect';
  if (!wb.structure.protected) {
    wrongState(variant.unprotectWhenUnprotected === 'AccessDenied' ? 'AccessDenied' : 'noop', 'The workbook is not protected.', where);
    return;
  }
  if (wb.structure.password !== null && wb.structure.password !== password) wrongPassword(variant, where);
  wb.structure = { protected: false, password: null };
}

/* --- proxies --- */

const WORKBOOK_PROTECTION_PROPS: Props<WorkbookModel> = { protected: { get: (wb) => wb.structure.protected, api: '1.7' } };
export class WorkbookProtectionProxy extends ClientObject<WorkbookModel> {
  get _type(): string {
    return 'WorkbookProtection';
  }
  protected override get _props(): Props<WorkbookModel> {
    return WORKBOOK_PROTECTION_PROPS;
  }
  /** ExcelApi 1.7 — https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection */
  protect(password?: string): void {
    this._method('protect', [password ?? null], (wb) => protectStructure(wb, this._ctx._double.variant, password ?? null), '1.7');
  }
  unprotect(password?: string): void {
    this._method('unprotect', [password ?? null], (wb) => unprotectStructure(wb, this._ctx._double.variant, password ?? null), '1.7');
  }
}
accessors(WorkbookProtectionProxy, WORKBOOK_PROTECTION_PROPS);

const WORKSHEET_PROTECTION_PROPS: Props<SheetModel> = {
  protected: { get: (s) => s.protection.protected, api: '1.2' },
  options: { get: (s) => ({ ...s.protection.options }), api: '1.2' },
};
/** ExcelApi 1.2; the password of protect/unprotect 1.7 — https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection */
export class WorksheetProtectionProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'WorksheetProtection';
  }
  protected override get _props(): Props<SheetModel> {
    return WORKSHEET_PROTECTION_PROPS;
  }
  protect(options?: ProtectionOptions, password?: string): void {
    if (password !== undefined && !this._ctx._require('1.7', 'WorksheetProtection.protect(password)')) return;
    this._method(
      'protect',
      [options ?? null, password ?? null],
      (s) => protectSheet(s, this._ctx._double.variant, options ?? null, password ?? null),
      '1.2',
    );
  }
  unprotect(password?: string): void {
    this._method('unprotect', [password ?? null], (s) => unprotectSheet(s, this._ctx._double.variant, password ?? null), '1.7');
  }
}
accessors(WorksheetProtectionProxy, WORKSHEET_PROTECTION_PROPS);

const FORMAT_PROTECTION_PROPS: Props<RangeT> = {
  locked: {
    get: (t) => t.sheet.uniformFormat('locked', t.rect),
    set: (t, v) => {
      guardFormat(t, null, 'FormatProtection.locked');
      if (typeof v !== 'boolean') throw err(E.invalidArgument, 'locked must be a boolean.', 'FormatProtection.locked');
      t.sheet.setFormat('locked', t.rect, v);
      if (!v) t.sheet.batchUnlocks.push(t.rect);
    },
    api: '1.2',
  },
};
/** ExcelApi 1.2 — https://learn.microsoft.com/javascript/api/excel/excel.formatprotection */
export class FormatProtectionProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'FormatProtection';
  }
  protected override get _props(): Props<RangeT> {
    return FORMAT_PROTECTION_PROPS;
  }
}
accessors(FormatProtectionProxy, FORMAT_PROTECTION_PROPS);
