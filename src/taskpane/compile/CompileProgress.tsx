import { Caption1, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Translate, UiMessageId } from '../i18n';
import { useI18n } from '../state/i18nContext';
import type { CompileProgress as Progress } from './compileInExcel';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  phases: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', gap: tokens.spacingHorizontalL, listStyleType: 'none' },
  current: { fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
});

type Phase = 'read' | 'verified' | 'written';

const PHASES: readonly { readonly phase: Phase; readonly label: UiMessageId }[] = [
  { phase: 'read', label: 'compile.phase.read' },
  { phase: 'verified', label: 'compile.phase.verified' },
  { phase: 'written', label: 'compile.phase.written' },
];

/** Share of the whole job done at a progress event (reading, verifying and writing a third each). */
function fraction(p: Progress | null): number {
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

function progressText(t: Translate, p: Progress | null): string {
  if (!p) return t('compile.progress.starting');
  switch (p.phase) {
    case 'read':
      return t('compile.progress.read', { done: p.done, total: p.total });
    case 'verified':
      return t('compile.progress.verified', { done: p.done, total: p.total });
    case 'writing':
      return t('compile.progress.writing');
    case 'written':
      return t('compile.progress.written');
  }
}

/** Which of the three phases are done, and which one runs. */
function phaseState(p: Progress | null, phase: Phase): 'done' | 'current' | 'pending' {
  const order: Record<Progress['phase'], number> = { read: 0, verified: 1, writing: 2, written: 3 };
  const at = p ? order[p.phase] + (p.phase !== 'writing' && p.phase !== 'written' && p.done === p.total ? 1 : 0) : 0;
  const mine = phase === 'read' ? 0 : phase === 'verified' ? 1 : 2;
  return at > mine ? 'done' : at === mine ? 'current' : 'pending';
}

export interface CompileProgressProps {
  /** the plan the run compiles against, once loaded */
  readonly plan: { readonly title: string; readonly units: number } | null;
  readonly progress: Progress | null;
}

/** The run's plan, a progress bar with what it is doing, and the three phases (data-phase, data-state). */
export function CompileProgress({ plan, progress }: CompileProgressProps): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.section}>
      {plan && <Caption1>{t('compile.plan.loaded', { title: plan.title, units: plan.units })}</Caption1>}
      <Field label={t('compile.progress.label')} validationState="none" validationMessage={progressText(t, progress)}>
        <ProgressBar value={fraction(progress)} max={1} />
      </Field>
      <ol className={styles.phases} aria-label={t('compile.progress.label')}>
        {PHASES.map(({ phase, label }) => {
          const state = phaseState(progress, phase);
          return (
            <li
              key={phase}
              data-phase={phase}
              data-state={state}
              className={state === 'current' ? styles.current : state === 'done' ? styles.done : undefined}
            >
              <Caption1>{t(label)}</Caption1>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
