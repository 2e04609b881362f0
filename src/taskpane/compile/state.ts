/**
 * The compile view's state as one reducer: what the Office chose (the plan's source and file,
 * the input's source and files) and what the last run has shown so far (the plan it loaded or
 * why not, progress, the report, the outcome, a cancel). Whether a run is going, and its
 * failure, are the view's `useTask`; the steps themselves are in ./compileInExcel.ts.
 */
import type { CompileOutcome, CompileProgress, CompileReport, PlanLoad } from './compileInExcel';

export type PlanSource = 'setup' | 'json';
export type InputSource = 'files' | 'workbook';
/** Why the plan was not loaded: the core's issues by place, or a plan file that is not JSON. */
export type PlanRefusal = Extract<PlanLoad, { ok: false }>;

export interface CompileState {
  readonly planSource: PlanSource;
  /** the plan JSON file (planSource 'json') */
  readonly planFile: File | null;
  readonly inputSource: InputSource;
  /** the .xlsx files picked or dropped (inputSource 'files'), one per name */
  readonly files: readonly File[];
  /** how many of the files last picked or dropped were left out (not .xlsx) */
  readonly skipped: number;
  /** files are being dragged over the view */
  readonly dragging: boolean;

  /* the last run */
  /** the plan it compiles against */
  readonly plan: { readonly title: string; readonly units: number } | null;
  readonly planRefusal: PlanRefusal | null;
  /** the latest progress event; null before the first */
  readonly progress: CompileProgress | null;
  /** what was decided (from the `writing` event on: shown even when the write then fails) */
  readonly report: CompileReport | null;
  /** the summary was written */
  readonly outcome: CompileOutcome | null;
  readonly cancelled: boolean;
}

export type CompileAction =
  | { readonly type: 'planSource'; readonly source: PlanSource }
  | { readonly type: 'planFile'; readonly file: File | null }
  | { readonly type: 'inputSource'; readonly source: InputSource }
  /** files picked with the file input */
  | { readonly type: 'filesPicked'; readonly files: readonly File[] }
  /** files dropped on the view: taken, and the input switches to files */
  | { readonly type: 'filesDropped'; readonly files: readonly File[] }
  | { readonly type: 'filesCleared' }
  | { readonly type: 'dragging'; readonly on: boolean }
  /** a run starts: what the last one showed is cleared */
  | { readonly type: 'started' }
  | { readonly type: 'planRefused'; readonly refusal: PlanRefusal }
  | { readonly type: 'planLoaded'; readonly title: string; readonly units: number }
  | { readonly type: 'progress'; readonly progress: CompileProgress }
  | { readonly type: 'done'; readonly outcome: CompileOutcome }
  | { readonly type: 'cancelled' };

export const initialCompileState: CompileState = {
  planSource: 'setup',
  planFile: null,
  inputSource: 'files',
  files: [],
  skipped: 0,
  dragging: false,
  plan: null,
  planRefusal: null,
  progress: null,
  report: null,
  outcome: null,
  cancelled: false,
};

const isXlsx = (f: File): boolean => /\.xlsx$/i.test(f.name);

/** Takes the .xlsx files among `list` (a file of the same name replaces the earlier one) and counts the rest. */
function withFiles(state: CompileState, list: readonly File[]): CompileState {
  const xlsx = list.filter(isXlsx);
  const files = xlsx.length ? [...state.files.filter((p) => !xlsx.some((x) => x.name === p.name)), ...xlsx] : state.files;
  return { ...state, files, skipped: list.length - xlsx.length };
}

export function compileReducer(state: CompileState, action: CompileAction): CompileState {
  switch (action.type) {
    case 'planSource':
      return { ...state, planSource: action.source };
    case 'planFile':
      return { ...state, planFile: action.file };
    case 'inputSource':
      return { ...state, inputSource: action.source };
    case 'filesPicked':
      return withFiles(state, action.files);
    case 'filesDropped':
      return { ...withFiles(state, action.files), dragging: false, inputSource: 'files' };
    case 'filesCleared':
      return { ...state, files: [] };
    case 'dragging':
      return state.dragging === action.on ? state : { ...state, dragging: action.on };
    case 'started':
      return { ...state, plan: null, planRefusal: null, progress: null, report: null, outcome: null, cancelled: false };
    case 'planRefused':
      return { ...state, planRefusal: action.refusal };
    case 'planLoaded':
      return { ...state, plan: { title: action.title, units: action.units } };
    case 'progress':
      return { ...state, progress: action.progress, report: action.progress.phase === 'writing' ? action.progress.report : state.report };
    case 'done':
      return { ...state, report: action.outcome, outcome: action.outcome };
    case 'cancelled':
      return { ...state, cancelled: true };
  }
}

/** Whether a run can start: not running, something to compile, and a plan file when the plan comes from one. */
export function canStart(state: CompileState, running: boolean): boolean {
  return (
    !running && (state.inputSource === 'workbook' || state.files.length > 0) && (state.planSource === 'setup' || state.planFile !== null)
  );
}
