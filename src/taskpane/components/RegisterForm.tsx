import { Button, Field, Input, makeStyles, Select, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Plan } from '../../core/plan/plan';
import type { Outcome, PaneActions } from '../actions';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';
import { ErrorBar } from './ErrorBar';
import { Notice } from './Notice';
import { ReasonsBar } from './ReasonsBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Today in China Standard Time, YYYY-MM-DD. */
function todayCst(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface RegisterFormProps {
  readonly plan: Plan;
  readonly actions: Pick<PaneActions, 'addEnvelope'>;
}

type Added = Outcome<{ readonly code: string; readonly row: number; readonly otherValid: readonly string[] }> & { readonly unit: string };

/**
 * 封袋登记: the Office enters each envelope's seal code as the sealed sheet arrives. The code
 * is normalised (case, spaces, dashes); a malformed code or one already registered is refused;
 * a second valid code for the same unit is added and named, so the older envelope can be marked.
 */
export function RegisterForm({ plan, actions }: RegisterFormProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const units = [...plan.units.values()];
  const [unit, setUnit] = useState(units[0]?.id ?? '');
  const [code, setCode] = useState('');
  const [received, setReceived] = useState(todayCst);
  const [outcome, setOutcome] = useState<Added | null>(null);
  const task = useTask();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setOutcome(null);
    const r = await task.run(() => actions.addEnvelope(plan, unit, code, received));
    if (!r) return;
    setOutcome({ ...r, unit });
    if (r.ok) setCode('');
  };
  const unitName = (id: string): string => `${plan.units.get(id)?.name ?? id}（${id}）`;

  return (
    <form className={styles.root} aria-label={t('register.title')} onSubmit={(e) => void submit(e)}>
      <Subtitle2>{t('register.title')}</Subtitle2>
      <Text>{t('register.intro')}</Text>
      <Field label={t('register.unit')}>
        <Select value={unit} onChange={(_, d) => setUnit(d.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitName(u.id)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('register.code')} hint={t('register.codeHint')}>
        <Input value={code} onChange={(_, d) => setCode(d.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <Field label={t('register.received')}>
        <Input type="date" value={received} onChange={(_, d) => setReceived(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={task.busy || !code.trim()}>
          {t('register.submit')}
        </Button>
        {task.busy && <Spinner size="tiny" label={t('common.working')} />}
      </div>
      {task.failure && <ErrorBar error={task.failure.error} onDismiss={task.dismiss} />}
      {outcome &&
        (outcome.ok ? (
          <>
            <Notice intent="success">
              {t('register.added', { unit: unitName(outcome.unit), code: outcome.value.code, row: outcome.value.row })}
            </Notice>
            {outcome.value.otherValid.length > 0 && (
              <Notice intent="warning">
                {t('register.second', { unit: unitName(outcome.unit), codes: outcome.value.otherValid.join('、') })}
              </Notice>
            )}
          </>
        ) : (
          <ReasonsBar reasons={outcome.reasons} />
        ))}
    </form>
  );
}
