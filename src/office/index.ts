/**
 * The Office.js edge: the only code that says `Excel` or `Office`. Functions take a request
 * context and return plain data; `run` is the one wrapper around `Excel.run`.
 */
export { run, RUN_OPTIONS } from './run';
export {
  EDGE_ERROR_CODES,
  OFFICE_ERROR_CLASSES,
  OFFICE_ERROR_CODES,
  OfficeEdgeError,
  toOfficeEdgeError,
  type OfficeErrorClass,
  type OfficeErrorCode,
} from './errors';
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
export {
  applyPatch,
  ORDINARY_PROTECTION,
  PAYLOAD_BUDGET,
  SEALED_PROTECTION,
  sealedUnits,
  unprotectStructure,
  type PatchOptions,
  type PatchResult,
  type StructureAfterUnseal,
} from './patch';
export { LOG_ATTEMPTS } from './log';
export { renderTemplate, uniqueSheetName, type RenderResult } from './template';
export { selectCell } from './select';
export { writeSummary, SummaryTargetError, type SummaryTargetCode, type SummaryWriteOptions, type SummaryWriteResult } from './summary';
export { readSetupSheets, SETUP_SHEET_NAMES } from './setup';
export { readSelection, readSheetAndSelection, type SelectedRows, type SelectionProblem, type SelectionRead } from './selection';
export {
  runSelfTest,
  SELFTEST_CHECKS,
  type SelfTestCheck,
  type SelfTestReport,
  type SelfTestResult,
  type SelfTestStatus,
} from './selftest/run';
export { appendEnvelope, readRegisterSheet, type EnvelopeWritten } from './register';
