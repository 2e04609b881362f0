import { Button, Field, Input, makeStyles, ProgressBar, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Outcome, PaneActions, RecheckInput, SheetSnapshot } from '../actions';
import { ActorGate, type GateActor } from '../components/ActorGate';
import { ErrorBar } from '../components/ErrorBar';
import { Notice } from '../components/Notice';
import { ReasonsBar } from '../components/ReasonsBar';
import { RecheckForm } from '../components/RecheckForm';
import { SheetHeader } from '../components/SheetHeader';
import { useI18n } from '../state/i18nContext';
import { useSnapshot } from '../state/useSnapshot';
import { useTask } from '../state/useTask';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.05em',
    // the code is copied onto the paper envelope: wrap only at its hyphens, never inside a group
    wordBreak: 'normal',
    overflowWrap: 'normal',
  },
});

export interface OversightViewProps {
  readonly actions: Pick<PaneActions, 'loadSheet' | 'drawSample' | 'recheck' | 'seal' | 'deriveKey'>;
}

type StepOutcome =
  | { readonly kind: 'drawn'; readonly outcome: Outcome<{ items: readonly string[] }> }
  | { readonly kind: 'sealed'; readonly outcome: Outcome<{ code: string }> };

function progress(snapshot: SheetSnapshot): { total: number; signed: number; sampled: number; rechecked: number } {
  const items = snapshot.report.items;
  return {
    total: items.length,
    signed: items.filter((i) => i.scorer?.fresh && i.reviewer?.fresh).length,
    sampled: items.filter((i) => i.sampled).length,
    rechecked: items.filter((i) => i.sampled && i.recheck).length,
  };
}

/**
 * 监审 Oversight: progress of the sheet; an oversight member draws the re-check sample, records
 * each re-check, and seals the sheet with a protection password; the seal code is shown large
 * for the envelope. Each step is one read sync and one write sync.
 */
export function OversightView({ actions }: OversightViewProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const { snapshot, setSnapshot, refresh, loading } = useSnapshot(actions.loadSheet);
  const step = useTask();
  const [last, setLast] = useState<StepOutcome | null>(null);
  const [passwordProblem, setPasswordProblem] = useState(false);
  const [password, setPassword] = useState('');
  const report = snapshot?.report;
  const ctx = report?.ctx;

  const draw = async (actor: GateActor): Promise<void> => {
    if (!snapshot) return;
    setLast(null);
    const r = await step.run(() => actor.act((a) => actions.drawSample(snapshot.sheetName, a)));
    if (!r) return;
    setLast({ kind: 'drawn', outcome: r });
    if (r.ok) setSnapshot(r.value.snapshot);
  };

  const recheck = async (actor: GateActor, input: RecheckInput): Promise<Outcome<unknown> | undefined> => {
    if (!snapshot) return undefined;
    setLast(null);
    const r = await step.run(() => actor.act((a) => actions.recheck(snapshot.sheetName, a, input)));
    if (r?.ok) setSnapshot(r.value.snapshot);
    return r;
  };

  const seal = async (actor: GateActor): Promise<void> => {
    if (!snapshot) return;
    setLast(null);
    const secret = password;
    setPasswordProblem(!secret);
    if (!secret) return;
    const r = await step.run(() => actor.act((a) => actions.seal(snapshot.sheetName, a, secret)));
    if (!r) return;
    if (r.ok) setPassword('');
    setLast({ kind: 'sealed', outcome: r });
    if (r.ok) setSnapshot(r.value.snapshot);
  };

  const p = snapshot && ctx ? progress(snapshot) : null;
  const sealed = report?.stage === 'sealed' && report.seal;

  const steps = (actor: GateActor): JSX.Element => {
    const onSeal = (e: FormEvent): void => {
      e.preventDefault();
      void seal(actor);
    };
    const sampledItems = report?.items.filter((i) => i.sampled) ?? [];
    return (
      <div className={styles.root}>
        {report && !report.sample && (
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void draw(actor)} disabled={step.busy}>
              {t('oversight.draw')}
            </Button>
          </div>
        )}
        {report?.sample && !sealed && (
          <section className={styles.section}>
            <Subtitle2>{t('oversight.sample')}</Subtitle2>
            {sampledItems.map((item) => (
              <RecheckForm key={item.content.node.code} item={item} busy={step.busy} onSubmit={(input) => recheck(actor, input)} />
            ))}
          </section>
        )}
        {report?.sample && !sealed && (
          <form className={styles.section} onSubmit={onSeal}>
            <Subtitle2>{t('seal.title')}</Subtitle2>
            <Field
              label={t('seal.password')}
              hint={t('seal.passwordHint')}
              validationMessage={passwordProblem ? t('seal.passwordMissing') : undefined}
              validationState={passwordProblem ? 'error' : 'none'}
            >
              <Input type="password" autoComplete="off" value={password} onChange={(_, d) => setPassword(d.value)} />
            </Field>
            <div className={styles.row}>
              <Button type="submit" appearance="primary" disabled={step.busy}>
                {t('seal.submit')}
              </Button>
            </div>
          </form>
        )}
        {step.busy && <Spinner size="tiny" label={t('common.working')} />}
      </div>
    );
  };

  return (
    <div className={styles.root}>
      <SheetHeader snapshot={snapshot} busy={loading.busy} onRefresh={() => void refresh()} />
      {loading.failure && <ErrorBar error={loading.failure.error} onDismiss={loading.dismiss} />}
      {p && (
        <section className={styles.section}>
          <Subtitle2>{t('oversight.progress')}</Subtitle2>
          <Text>{t('oversight.signed', { done: p.signed, total: p.total })}</Text>
          <ProgressBar
            value={p.total ? p.signed / p.total : 0}
            thickness="large"
            aria-label={t('oversight.signed', { done: p.signed, total: p.total })}
          />
          {p.sampled > 0 && <Text>{t('oversight.sampled', { count: p.sampled })}</Text>}
          {p.sampled > 0 && <Text>{t('oversight.rechecked', { done: p.rechecked, total: p.sampled })}</Text>}
        </section>
      )}
      {sealed && report.seal && (
        <section className={styles.section} aria-live="polite">
          <Subtitle2>{t('seal.code')}</Subtitle2>
          <Text className={styles.code} data-testid="seal-code">
            {report.seal.code}
          </Text>
        </section>
      )}
      {ctx && !sealed && (
        <ActorGate plan={ctx.plan} roles={['oversight']} deriveKey={actions.deriveKey}>
          {steps}
        </ActorGate>
      )}
      {step.failure && <ErrorBar error={step.failure.error} onDismiss={step.dismiss} />}
      {last?.kind === 'drawn' &&
        (last.outcome.ok ? (
          <Notice intent="success">
            {t('oversight.drawn', { count: last.outcome.value.items.length, items: last.outcome.value.items.join(' ') })}
          </Notice>
        ) : (
          <ReasonsBar reasons={last.outcome.reasons} />
        ))}
      {last?.kind === 'sealed' &&
        (last.outcome.ok ? <Notice intent="success">{t('seal.done')}</Notice> : <ReasonsBar reasons={last.outcome.reasons} />)}
    </div>
  );
}
