/**
 * The Office.js edge: the only code that says `Excel` or `Office`. Functions take a request
 * context and return plain data; `run` is the one wrapper around `Excel.run`.
 */
export { run } from './run';
export { OFFICE_ERROR_CODES, OfficeEdgeError, toOfficeEdgeError, type OfficeErrorCode } from './errors';
export { supports, type OptionalApi } from './support';
export {
  listScoreSheets,
  readActiveScoreSheet,
  readScoreSheet,
  readSheetState,
  readWorkbook,
  type LogVisibility,
  type ScoreSheetRead,
  type SheetState,
} from './read';
export { applyPatch, ORDINARY_PROTECTION, PAYLOAD_BUDGET, SEALED_PROTECTION, type PatchOptions, type PatchResult } from './patch';
export { renderTemplate, uniqueSheetName, type RenderResult } from './template';
export { selectCell } from './select';
export { writeSummary, SummaryTargetError, type SummaryTargetCode, type SummaryWriteOptions, type SummaryWriteResult } from './summary';
export { readSetupSheets, SETUP_SHEET_NAMES } from './setup';
export { readSheetAndSelection, type SelectedRows } from './selection';
export { appendEnvelope, readRegisterSheet, type EnvelopeWritten } from './register';
