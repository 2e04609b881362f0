/**
 * A stateful test double of the part of the Excel JavaScript API that ScoreSeal uses.
 *
 * Two layers, like Excel itself:
 *  - an in-memory **model** (workbook → sheets → sparse cells, format layers, protection,
 *    validations, conditional formats, merges, page layout) that knows Excel's rules:
 *    typed entry ("1.1" becomes a number unless the cell is text-formatted '@'), `null` in a
 *    2-D array leaves a cell unchanged and '' clears it, locked cells of a protected sheet
 *    refuse writes, a protected workbook structure refuses new sheets, …
 *  - **proxies** (Workbook, Worksheet, Range, …) bound to a request context: reading a
 *    property before `load()` + `context.sync()` throws PropertyNotLoaded; loads and writes are
 *    queued and carried out in order at `sync()`; a failing statement fails the sync and the
 *    statements before it stay applied (no rollback, like Excel); every `sync()` is counted.
 *
 * Split into modules, each with its own tests of the double itself against the documented
 * behaviour (test/office/double-*.test.ts), so that changing the double is a deliberate act:
 *
 *   excel-double/errors.ts       RichApiError and the error codes
 *   excel-double/variants.ts     where Excel builds disagree: one HostVariant per behaviour set
 *   excel-double/model.ts        workbook model: geometry, typed entry, sheets, formats, charts data
 *   excel-double/client.ts       proxy machinery: paths, null objects, load-before-read
 *   excel-double/proxies.ts      the request context and sync; workbook, sheet and range proxies
 *   excel-double/protection.ts   sheet, structure and cell protection
 *   excel-double/formats.ts      range formats, data validation, conditional formats
 *   excel-double/charts.ts       charts
 *   excel-double/coauthoring.ts  several sessions on one workbook
 *   excel-double/double.ts       ExcelDouble: globals, Excel.run, the user's side, inspection
 *
 * It is installed as the globals `Excel`, `Office` and `OfficeExtension` (`install()`), or used
 * directly through `newContext()`. No Node-only APIs: it also runs in a browser harness page.
 */
export { DOUBLE_ERROR_CODES, RichApiError } from './excel-double/errors';
export {
  BUILDS_2026,
  DESKTOP_PRACTICE,
  DOCUMENTED,
  VARIANTS,
  WEB_2018,
  type HostVariant,
  type ProtectWhenProtected,
  type UnprotectWhenUnprotected,
  type WrongPassword,
} from './excel-double/variants';
export {
  CELL_TEXT_LIMIT,
  EXCEL_ERRORS,
  MAX_COLS,
  MAX_ROWS,
  parseA1,
  rectA1,
  type ChartRecord,
  type ConditionalFormatRecord,
  type PageLayoutModel,
  type ProtectionOptions,
  type Rect,
  type Scalar,
  type SelectionKind,
  type ValidationRecord,
  type Visibility,
} from './excel-double/model';
export { DoubleContext, GET_CELL_LIMIT } from './excel-double/proxies';
export { VALIDATION_LIMITS } from './excel-double/formats';
export { CoauthoringHub, type CoauthoringOptions } from './excel-double/coauthoring';
export {
  DEFAULT_PAYLOAD_LIMIT,
  DOUBLE_LIMITS,
  ExcelDouble,
  type BorderInfo,
  type CellFormatInfo,
  type CellInfo,
  type DoubleOptions,
  type SheetInit,
  type WorkbookInit,
} from './excel-double/double';
