/**
 * Where Excel builds disagree, the double can be switched to each behaviour: a
 * {@link HostVariant} names one choice per disputed behaviour, with the source of each. The
 * edge is tested under every entry of {@link VARIANTS} (test/office/variants.test.ts), so a
 * behaviour the edge relies on is never just the one the double happened to pick.
 *
 * Every choice below cites the page or issue it comes from; where the reference says only
 * that a call "fails", the error code is the double's assumption and says so.
 */

/** What `protect()` does on a sheet or workbook that is already protected. */
export type ProtectWhenProtected =
  /**
   * The reference: "Protects a worksheet. Fails if the worksheet has already been protected."
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-protect-member(1)
   * and "Protects the workbook. Fails if the workbook has been protected."
   * https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection#excel-excel-workbookprotection-protect-member(1)
   * The code is not documented; the double uses InvalidOperation ("The operation attempted is
   * invalid on the object").
   */
  | 'InvalidOperation'
  /** What hosts did in practice before mid-2026: nothing, silently (office-js#6784 describes it as the earlier behaviour). */
  | 'noop'
  /** Builds from mid-2026: AccessDenied — https://github.com/OfficeDev/office-js/issues/6784 */
  | 'AccessDenied';

/** What `unprotect()` does on a sheet or workbook that is not protected. */
export type UnprotectWhenUnprotected =
  /** Nothing (the reference says nothing about it; hosts before mid-2026) */
  | 'noop'
  /** Builds from mid-2026: AccessDenied — https://github.com/OfficeDev/office-js/issues/6784 */
  | 'AccessDenied';

/**
 * The error of `unprotect(password)` with a wrong password. Undocumented for
 * `WorksheetProtection.unprotect`; the error table lists `BadPassword` ("The password you
 * supplied is incorrect.") —
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * — and `WorksheetProtection.pauseProtection` documents `InvalidArgument` for a wrong password
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-pauseprotection-member(1)).
 */
export type WrongPassword = 'BadPassword' | 'AccessDenied' | 'InvalidArgument' | 'InvalidOperation';

export interface HostVariant {
  /** a short name for test titles */
  readonly name: string;
  /**
   * 'web' enforces Excel on the web's 5 MB request and response limits ("This error only occurs
   * in Office on the web" — the error table; "Excel on the web limits requests and responses to
   * 5 MB" — https://learn.microsoft.com/office/dev/add-ins/excel/performance); desktop hosts
   * have no such limit.
   */
  readonly platform: 'web' | 'windows' | 'mac';
  readonly protectWhenProtected: ProtectWhenProtected;
  readonly unprotectWhenUnprotected: UnprotectWhenUnprotected;
  readonly wrongPassword: WrongPassword;
  /**
   * `unprotect(password)` on a sheet protected without a password, then `protect(options, pw)`:
   * 'applied' (as documented) or 'ignored' — the sheet ends up protected without a password —
   * https://github.com/OfficeDev/office-js/issues/762
   */
  readonly passwordAfterUnprotectWithPassword: 'applied' | 'ignored';
  /**
   * Cells unlocked (`format.protection.locked = false`) in the same batch as `protect()`:
   * 'unlocked' (as documented) or 'staysLocked' (Excel on the web, 2018) —
   * https://github.com/OfficeDev/office-js/issues/143
   */
  readonly unlockThenProtectSameBatch: 'unlocked' | 'staysLocked';
  /**
   * Reading `values`/`formulas`/`numberFormat` of more than 5,000,000 cells: "On all platforms,
   * a range is limited to five million cells for get operations"
   * (https://learn.microsoft.com/office/dev/add-ins/excel/performance), the error being
   * `RangeExceedsLimit` ('throws'), or `null` comes back instead
   * (https://github.com/OfficeDev/office-js/issues/4783, version 2407;
   * https://github.com/OfficeDev/office-js/issues/6781, all platforms, 2026) ('null').
   */
  readonly largeRead: 'throws' | 'null';
  /**
   * The code of a batch that runs while a cell is being edited: documented as
   * `InvalidOperationInCellEditMode` in the error table, and seen as `InvalidOperation`.
   */
  readonly cellEditError: 'InvalidOperationInCellEditMode' | 'InvalidOperation';
}

/** The behaviour as documented (the double's default). */
export const DOCUMENTED: HostVariant = {
  name: 'documented (web)',
  platform: 'web',
  protectWhenProtected: 'InvalidOperation',
  unprotectWhenUnprotected: 'noop',
  wrongPassword: 'BadPassword',
  passwordAfterUnprotectWithPassword: 'applied',
  unlockThenProtectSameBatch: 'unlocked',
  largeRead: 'throws',
  cellEditError: 'InvalidOperationInCellEditMode',
};

/** Windows and Mac as hosts have behaved in practice: silent no-ops, AccessDenied for a wrong password, office-js#762, null over 5M cells. */
export const DESKTOP_PRACTICE: HostVariant = {
  name: 'desktop in practice',
  platform: 'windows',
  protectWhenProtected: 'noop',
  unprotectWhenUnprotected: 'noop',
  wrongPassword: 'AccessDenied',
  passwordAfterUnprotectWithPassword: 'ignored',
  unlockThenProtectSameBatch: 'unlocked',
  largeRead: 'null',
  cellEditError: 'InvalidOperation',
};

/** Excel on the web with the 2018 protection bug (office-js#143) and InvalidArgument for a wrong password. */
export const WEB_2018: HostVariant = {
  name: 'web 2018',
  platform: 'web',
  protectWhenProtected: 'noop',
  unprotectWhenUnprotected: 'noop',
  wrongPassword: 'InvalidArgument',
  passwordAfterUnprotectWithPassword: 'applied',
  unlockThenProtectSameBatch: 'staysLocked',
  largeRead: 'throws',
  cellEditError: 'InvalidOperationInCellEditMode',
};

/** Builds from mid-2026 (office-js#6784, #6781): AccessDenied in the wrong state, null over 5M cells. */
export const BUILDS_2026: HostVariant = {
  name: 'builds 2026',
  platform: 'mac',
  protectWhenProtected: 'AccessDenied',
  unprotectWhenUnprotected: 'AccessDenied',
  wrongPassword: 'InvalidOperation',
  passwordAfterUnprotectWithPassword: 'ignored',
  unlockThenProtectSameBatch: 'unlocked',
  largeRead: 'null',
  cellEditError: 'InvalidOperation',
};

/** Every variant the edge must survive. */
export const VARIANTS: readonly HostVariant[] = [DOCUMENTED, DESKTOP_PRACTICE, WEB_2018, BUILDS_2026];
