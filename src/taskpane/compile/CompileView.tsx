import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import type { Locale } from '../../core/i18n/catalog';
import type { CompileActions, CompileOutcome, CompileProgress, CompileReport, PlanLoad } from './compileInExcel';
import { CompileResults } from './CompileResults';
import { errorMessage, reportError, type MessageRef } from './errorMessage';
import type { ReadFile } from './reader';
import { t, type CompileMessageId } from './strings';
import { visible } from '../../core/text/visible';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  drop: {
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  phases: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', gap: tokens.spacingHorizontalL, listStyleType: 'none' },
  current: { fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  where: { fontFamily: tokens.fontFamilyMonospace },
});

export interface CompileViewProps {
  readonly locale: Locale;
  readonly actions: CompileActions;
}

type PlanSource = 'setup' | 'json';
type InputSource = 'files' | 'workbook';
type Phase = 'read' | 'verified' | 'written';

const PHASES: readonly { readonly phase: Phase; readonly label: CompileMessageId }[] = [
  { phase: 'read', label: 'phase.read' },
  { phase: 'verified', label: 'phase.verified' },
  { phase: 'written', label: 'phase.written' },
];

const isXlsx = (f: File): boolean => /\.xlsx$/i.test(f.name);

/** A file's bytes (FileReader where Blob.arrayBuffer is missing). */
function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** A file's text (UTF-8). */
async function textOf(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new TextDecoder().decode(await bytesOf(file));
}

/** Share of the whole job done at a progress event (reading, verifying and writing a third each). */
function fraction(p: CompileProgress | null): number {
  if (!p) return 0;
  switch (p.phase) {
    case 'read':
      return p.done / p.total / 3;
    case 'verified':
      return 1 / 3 + p.done / p.total / 3;
    case 'writing':
      return 2 / 3;
    case 'written':
      return 1;
  }
}

function progressText(locale: Locale, p: CompileProgress | null): string {
  if (!p) return t(locale, 'progress.starting');
  switch (p.phase) {
    case 'read':
      return t(locale, 'progress.read', { done: p.done, total: p.total });
    case 'verified':
      return t(locale, 'progress.verified', { done: p.done, total: p.total });
    case 'writing':
      return t(locale, 'progress.writing');
    case 'written':
      return t(locale, 'progress.written');
  }
}

/** Which of the three phases are done, and which one runs. */
function phaseState(p: CompileProgress | null, phase: Phase): 'done' | 'current' | 'pending' {
  const order: Record<CompileProgress['phase'], number> = { read: 0, verified: 1, writing: 2, written: 3 };
  const at = p ? order[p.phase] + (p.phase !== 'writing' && p.phase !== 'written' && p.done === p.total ? 1 : 0) : 0;
  const mine = phase === 'read' ? 0 : phase === 'verified' ? 1 : 2;
  return at > mine ? 'done' : at === mine ? 'current' : 'pending';
}

/**
 * 汇总 Compile (SPEC §6): the Office picks sealed score workbooks (or uses the score sheets of
 * this workbook) and a trusted plan (the setup sheets here, or a plan JSON file); the sheets
 * are verified and compiled and the summary sheets written into this workbook. Reading,
 * verifying and writing show their progress; Cancel stops before anything is written.
 */
export function CompileView({ locale, actions }: CompileViewProps): JSX.Element {
  const styles = useStyles();
  const [planSource, setPlanSource] = useState<PlanSource>('setup');
  const [planFile, setPlanFile] = useState<File | null>(null);
  const [inputSource, setInputSource] = useState<InputSource>('files');
  const [files, setFiles] = useState<readonly File[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<CompileProgress | null>(null);
  const [planIssues, setPlanIssues] = useState<Extract<PlanLoad, { ok: false }>['issues'] | null>(null);
  const [report, setReport] = useState<CompileReport | null>(null);
  const [outcome, setOutcome] = useState<CompileOutcome | null>(null);
  const [failure, setFailure] = useState<MessageRef | null>(null);
  const [planTitle, setPlanTitle] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const addFiles = (list: FileList | readonly File[] | null): void => {
    const all = list ? [...list] : [];
    const xlsx = all.filter(isXlsx);
    setSkipped(all.length - xlsx.length);
    if (xlsx.length) setFiles((prev) => [...prev.filter((p) => !xlsx.some((x) => x.name === p.name)), ...xlsx]);
  };

  const onPick = (e: ChangeEvent<HTMLInputElement>): void => {
    addFiles(e.target.files);
    e.target.value = '';
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    if (running) return;
    addFiles(e.dataTransfer?.files ?? null);
    setInputSource('files');
  };

  /** The trusted plan from the chosen source; null when the plan file cannot be read. */
  const loadPlan = async (): Promise<PlanLoad | null> => {
    if (planSource === 'setup') return actions.planFromSetup();
    if (!planFile) return { ok: false, issues: [{ where: '', message: t(locale, 'plan.missingJson') }] };
    let text: string;
    try {
      text = await textOf(planFile);
    } catch (e) {
      reportError(e);
      return null;
    }
    return actions.planFromJson(text);
  };

  const start = async (): Promise<void> => {
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setProgress(null);
    setPlanIssues(null);
    setReport(null);
    setOutcome(null);
    setFailure(null);
    setCancelled(false);
    setPlanTitle(null);
    try {
      const plan = await loadPlan();
      if (!plan) {
        setFailure({ id: 'error.planFile' });
        return;
      }
      if (!plan.ok) {
        setPlanIssues(plan.issues);
        return;
      }
      setPlanTitle(t(locale, 'plan.loaded', { title: plan.plan.data.title, units: plan.plan.units.size }));
      const onProgress = (p: CompileProgress): void => {
        setProgress(p);
        if (p.phase === 'writing') setReport(p.report);
      };
      let result: CompileOutcome;
      if (inputSource === 'workbook') result = await actions.compileOpenWorkbook({ plan: plan.plan, onProgress, signal: abort.signal });
      else {
        // read afresh each time: the reader takes the buffers over
        const picked: ReadFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, data: await bytesOf(f) })));
        result = await actions.compileFiles({ plan: plan.plan, files: picked, onProgress, signal: abort.signal });
      }
      setReport(result);
      setOutcome(result);
    } catch (e) {
      const message = errorMessage(e);
      if (message.id === 'cancelled') setCancelled(true);
      else {
        reportError(e);
        setFailure(message);
      }
    } finally {
      controller.current = null;
      setRunning(false);
    }
  };

  const cancel = (): void => controller.current?.abort();
  const writing = progress?.phase === 'writing' || progress?.phase === 'written';
  const canStart = !running && (inputSource === 'workbook' || files.length > 0) && (planSource === 'setup' || planFile !== null);

  return (
    // files dropped anywhere on the view are taken (and never open in the pane's browser)
    <div
      className={styles.root}
      data-testid="compile-view"
      onDragOver={(e) => {
        e.preventDefault();
        if (!running) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <Subtitle2>{t(locale, 'compile.heading')}</Subtitle2>
      <Text>{t(locale, 'compile.intro')}</Text>

      <Field label={t(locale, 'plan.label')}>
        <RadioGroup value={planSource} onChange={(_, d) => setPlanSource(d.value as PlanSource)} disabled={running}>
          <Radio value="setup" label={t(locale, 'plan.setup')} />
          <Radio value="json" label={t(locale, 'plan.json')} />
        </RadioGroup>
      </Field>
      {planSource === 'json' && (
        <div className={styles.section}>
          <label className={styles.row}>
            <Text>{t(locale, 'plan.pickJson')}</Text>
            <input
              type="file"
              accept=".json,application/json"
              disabled={running}
              onChange={(e) => setPlanFile(e.target.files?.[0] ?? null)}
            />
          </label>
          {planFile && <Caption1>{t(locale, 'plan.jsonChosen', { name: planFile.name })}</Caption1>}
        </div>
      )}

      <Field label={t(locale, 'input.label')}>
        <RadioGroup value={inputSource} onChange={(_, d) => setInputSource(d.value as InputSource)} disabled={running}>
          <Radio value="files" label={t(locale, 'input.files')} />
          <Radio value="workbook" label={t(locale, 'input.workbook')} />
        </RadioGroup>
      </Field>
      {inputSource === 'files' && (
        <div className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop} data-testid="compile-drop">
          <label className={styles.row}>
            <Text>{t(locale, 'input.pick')}</Text>
            <input
              type="file"
              multiple
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={running}
              onChange={onPick}
            />
          </label>
          <Caption1>{t(locale, 'input.drop')}</Caption1>
          {files.length > 0 ? (
            <>
              <Caption1>{t(locale, 'input.chosen', { count: files.length })}</Caption1>
              <ul className={styles.list} aria-label={t(locale, 'input.chosen', { count: files.length })}>
                {files.map((f) => (
                  <li key={f.name}>
                    <Caption1>{f.name}</Caption1>
                  </li>
                ))}
              </ul>
              <div>
                <Button size="small" disabled={running} onClick={() => setFiles([])}>
                  {t(locale, 'input.clear')}
                </Button>
              </div>
            </>
          ) : (
            <Caption1>{t(locale, 'input.none')}</Caption1>
          )}
          {skipped > 0 && <Caption1>{t(locale, 'input.notXlsx', { count: skipped })}</Caption1>}
        </div>
      )}

      <div className={styles.row}>
        <Button appearance="primary" disabled={!canStart} onClick={() => void start()}>
          {t(locale, 'run.start')}
        </Button>
        {running && (
          <Button disabled={writing} onClick={cancel}>
            {t(locale, 'run.cancel')}
          </Button>
        )}
      </div>

      {(running || outcome) && (
        <div className={styles.section}>
          {planTitle && <Caption1>{planTitle}</Caption1>}
          <Field label={t(locale, 'progress.label')} validationState="none" validationMessage={progressText(locale, progress)}>
            <ProgressBar value={fraction(progress)} max={1} />
          </Field>
          <ol className={styles.phases} aria-label={t(locale, 'progress.label')}>
            {PHASES.map(({ phase, label }) => {
              const state = phaseState(progress, phase);
              return (
                <li
                  key={phase}
                  data-phase={phase}
                  data-state={state}
                  className={state === 'current' ? styles.current : state === 'done' ? styles.done : undefined}
                >
                  <Caption1>{t(locale, label)}</Caption1>
                </li>
              );
            })}
          </ol>
        </div>
      )}

      {planIssues && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(locale, 'error.title')}</MessageBarTitle>
            {t(locale, 'plan.invalid', { count: planIssues.length })}
            <ul className={styles.list}>
              {planIssues.map((i, n) => (
                <li key={n}>
                  {i.where && <span className={styles.where}>{visible(i.where)} </span>}
                  {visible(i.message)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(locale, 'error.title')}</MessageBarTitle>
            {t(locale, failure.id, failure.params)}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setFailure(null)}>
              {t(locale, 'common.dismiss')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {cancelled && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t(locale, 'cancelled')}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t(locale, 'done.title')}</MessageBarTitle>
            {t(locale, 'done.body', { sheets: outcome.written.sheets.join(t(locale, 'list.separator')) })}
            {outcome.written.replaced.length > 0 && ` ${t(locale, 'done.replaced')}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {report && <CompileResults locale={locale} report={report} />}
    </div>
  );
}
