import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useReducer, useRef, type ChangeEvent, type DragEvent } from 'react';
import type { CompileActions } from '../actions';
import { ErrorBar } from '../components/ErrorBar';
import { isCancelled } from '../errors';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';
import { bytesOf, compileFiles, compileOpenWorkbook, type CompileOptions, type CompileOutcome } from './compileInExcel';
import { CompileProgress } from './CompileProgress';
import { CompileResults } from './CompileResults';
import type { ReadFile } from './reader';
import { canStart, compileReducer, initialCompileState, type InputSource, type PlanSource } from './state';
import { visible } from '../../core/text/visible';
import { render } from '../../core/i18n/catalog';

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
  where: { fontFamily: tokens.fontFamilyMonospace },
});

export interface CompileViewProps {
  /** the pane's actions (created at the root); the compile reads and writes only through them */
  readonly actions: CompileActions;
}

/**
 * 汇总 Compile (SPEC §6): the Office picks sealed score workbooks (or uses the score sheets of
 * this workbook) and a trusted plan (the setup sheets here, or a plan JSON file); the sheets
 * are verified and compiled and the summary sheets written into this workbook. Reading,
 * verifying and writing show their progress; Cancel stops before anything is written.
 *
 * State: one reducer (./state.ts); the run: `useTask` (busy, and its failure shown by the
 * pane's `ErrorBar`); the steps: ./compileInExcel.ts over the injected actions.
 */
export function CompileView({ actions }: CompileViewProps): JSX.Element {
  const styles = useStyles();
  const { t, locale, core } = useI18n();
  const [state, dispatch] = useReducer(compileReducer, initialCompileState);
  const task = useTask();
  const controller = useRef<AbortController | null>(null);
  const running = task.busy;

  const onPick = (e: ChangeEvent<HTMLInputElement>): void => {
    dispatch({ type: 'filesPicked', files: e.target.files ? [...e.target.files] : [] });
    e.target.value = '';
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    if (running) dispatch({ type: 'dragging', on: false });
    else dispatch({ type: 'filesDropped', files: e.dataTransfer?.files ? [...e.dataTransfer.files] : [] });
  };

  /** Loads the trusted plan, then compiles; a cancel is no failure, anything else goes to the task's ErrorBar. */
  const compile = async (abort: AbortController): Promise<void> => {
    const { planSource, planFile, inputSource, files } = state;
    // a run starts only with a plan file when the plan comes from one (canStart)
    const plan = planSource === 'setup' ? await actions.readSetup() : await actions.readPlanFile(planFile!);
    if (!plan.ok) {
      dispatch({ type: 'planRefused', refusal: plan });
      return;
    }
    dispatch({ type: 'planLoaded', title: plan.plan.data.title, units: plan.plan.units.size });
    const options: CompileOptions = {
      plan: plan.plan,
      signal: abort.signal,
      onProgress: (progress) => dispatch({ type: 'progress', progress }),
      unnamed: t('compile.input.thisWorkbook'),
    };
    let outcome: CompileOutcome;
    try {
      if (inputSource === 'workbook') outcome = await compileOpenWorkbook(options, actions);
      else {
        // read afresh each time: the reader takes the buffers over
        const picked: ReadFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, data: await bytesOf(f) })));
        outcome = await compileFiles({ ...options, files: picked }, actions);
      }
    } catch (e) {
      if (!isCancelled(e)) throw e;
      dispatch({ type: 'cancelled' });
      return;
    }
    dispatch({ type: 'done', outcome });
  };

  const start = async (): Promise<void> => {
    if (!canStart(state, running)) return;
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'started' });
    await task.run(() => compile(abort));
    controller.current = null;
  };

  const cancel = (): void => controller.current?.abort();
  const writing = state.progress?.phase === 'writing' || state.progress?.phase === 'written';
  const { planRefusal, outcome, report } = state;

  return (
    // files dropped anywhere on the view are taken (and never open in the pane's browser)
    <div
      className={styles.root}
      data-testid="compile-view"
      onDragOver={(e) => {
        e.preventDefault();
        if (!running) dispatch({ type: 'dragging', on: true });
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) dispatch({ type: 'dragging', on: false });
      }}
      onDrop={onDrop}
    >
      <Subtitle2>{t('compile.heading')}</Subtitle2>
      <Text>{t('compile.intro')}</Text>

      <Field label={t('compile.plan.label')}>
        <RadioGroup
          value={state.planSource}
          onChange={(_, d) => dispatch({ type: 'planSource', source: d.value as PlanSource })}
          disabled={running}
        >
          <Radio value="setup" label={t('compile.plan.setup')} />
          <Radio value="json" label={t('compile.plan.json')} />
        </RadioGroup>
      </Field>
      {state.planSource === 'json' && (
        <div className={styles.section}>
          <label className={styles.row}>
            <Text>{t('compile.plan.pickJson')}</Text>
            <input
              type="file"
              accept=".json,application/json"
              disabled={running}
              onChange={(e) => dispatch({ type: 'planFile', file: e.target.files?.[0] ?? null })}
            />
          </label>
          {state.planFile && <Caption1>{t('compile.plan.jsonChosen', { name: state.planFile.name })}</Caption1>}
        </div>
      )}

      <Field label={t('compile.input.label')}>
        <RadioGroup
          value={state.inputSource}
          onChange={(_, d) => dispatch({ type: 'inputSource', source: d.value as InputSource })}
          disabled={running}
        >
          <Radio value="files" label={t('compile.input.files')} />
          <Radio value="workbook" label={t('compile.input.workbook')} />
        </RadioGroup>
      </Field>
      {state.inputSource === 'files' && (
        <div className={state.dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop} data-testid="compile-drop">
          <label className={styles.row}>
            <Text>{t('compile.input.pick')}</Text>
            <input
              type="file"
              multiple
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={running}
              onChange={onPick}
            />
          </label>
          <Caption1>{t('compile.input.drop')}</Caption1>
          {state.files.length > 0 ? (
            <>
              <Caption1>{t('compile.input.chosen', { count: state.files.length })}</Caption1>
              <ul className={styles.list} aria-label={t('compile.input.chosen', { count: state.files.length })}>
                {state.files.map((f) => (
                  <li key={f.name}>
                    <Caption1>{f.name}</Caption1>
                  </li>
                ))}
              </ul>
              <div>
                <Button size="small" disabled={running} onClick={() => dispatch({ type: 'filesCleared' })}>
                  {t('compile.input.clear')}
                </Button>
              </div>
            </>
          ) : (
            <Caption1>{t('compile.input.none')}</Caption1>
          )}
          {state.skipped > 0 && <Caption1>{t('compile.input.notXlsx', { count: state.skipped })}</Caption1>}
        </div>
      )}

      <div className={styles.row}>
        <Button appearance="primary" disabled={!canStart(state, running)} onClick={() => void start()}>
          {t('compile.run.start')}
        </Button>
        {running && (
          <Button disabled={writing} onClick={cancel}>
            {t('compile.run.cancel')}
          </Button>
        )}
      </div>

      {(running || outcome) && <CompileProgress plan={state.plan} progress={state.progress} />}

      {planRefusal && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('compile.error.title')}</MessageBarTitle>
            {t('compile.plan.invalid', { count: 'issues' in planRefusal ? planRefusal.issues.length : 1 })}
            <ul className={styles.list}>
              {'issues' in planRefusal ? (
                planRefusal.issues.map((i, n) => (
                  <li key={n}>
                    {i.where && <span className={styles.where}>{visible(i.where)} </span>}
                    {visible(render(i.problem, locale, core))}
                  </li>
                ))
              ) : (
                <li>{t('compile.plan.notJson')}</li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {task.failure && <ErrorBar error={task.failure.error} onDismiss={task.dismiss} title="compile.error.title" />}
      {state.cancelled && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('compile.cancelled')}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('compile.done.title')}</MessageBarTitle>
            {t('compile.done.body', { sheets: outcome.written.sheets.join(t('compile.list.separator')) })}
            {outcome.written.replaced.length > 0 && ` ${t('compile.done.replaced')}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {report && <CompileResults report={report} />}
    </div>
  );
}
