/**
 * The .xlsx file edge (ExcelJS), for the command line: the only code besides the CLI that
 * touches ExcelJS or the file system for workbooks. Everything converts to and from the
 * core's plain data (`RawWorkbook`, `SheetTemplate`, `SheetPatch`, `CellValue`).
 *
 * The task pane's file import should import `./buffer` (bytes in, no Node APIs) rather than
 * this barrel, which pulls in `node:fs` and `node:crypto`.
 */
export { fromExcelJs, fromExcelJsCell, toExcelJs } from './cells';
export { XlsxError, isXlsxError, type NotXlsxKind, type XlsxErrorCode, type XlsxLimit, type XlsxPlace, type XlsxReason } from './errors';
export { openWorkbook, openWorkbookBuffer, readWorkbook, readWorkbookBuffer, sniffKind } from './read';
export type { FileKind, OpenLimits, OpenedWorkbook, ReadWorkbook } from './read';
export { readRawSheet, readRawWorkbook } from './raw';
export { addScoreSheet, uniqueSheetName } from './render';
export { applyPatch } from './patch';
export { ORDINARY_PROTECTION, SEALED_PROTECTION, structureProtection } from './protection';
export { hashPassword, passwordMatches, type PasswordHash } from './password';
export { saveWorkbookAtomic, writeFileAtomic, type AtomicFs } from './save';
export { workbookBytes } from './bytes';
export { getStructureProtection, setStructureProtection, type StructureProtection } from './structure';
export { readSetupTables, setupTables, writeSetupWorkbook, type SetupTables } from './setup';
export { appendLogRows, ensureLogSheet } from './logsheet';
