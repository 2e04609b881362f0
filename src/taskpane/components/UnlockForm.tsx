import { Button, Field, Input, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { KeyPair } from '../../core/crypto/ed25519';
import type { Plan } from '../../core/plan/plan';
import type { Person } from '../../core/plan/schema';
import { displayName } from '../../core/rules/present';
import type { PaneActions } from '../actions';
import type { UiMessageId } from '../i18n';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface UnlockFormProps {
  readonly plan: Plan;
  readonly person: Person;
  readonly deriveKey: PaneActions['deriveKey'];
  readonly onUnlocked: (key: KeyPair) => void;
}

/**
 * The passphrase, once per session. It lives in this form's memory only while typed and is
 * cleared as soon as it is submitted; a key that does not match the plan's public key is
 * wiped and refused.
 */
export function UnlockForm({ plan, person, deriveKey, onUnlocked }: UnlockFormProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<UiMessageId | null>(null);
  const task = useTask();

  const submit = async (): Promise<void> => {
    setPassphrase('');
    if (!person.publicKey) return setProblem('unlock.noKey');
    if (!passphrase) return setProblem('unlock.empty');
    setProblem(null);
    const key = await task.run(() => deriveKey(passphrase, plan.data.title, person.id));
    if (!key) return undefined;
    if (key.publicKey !== person.publicKey) {
      key.secret.fill(0);
      return setProblem('unlock.wrong');
    }
    onUnlocked(key);
    return undefined;
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void submit();
  };

  return (
    <form className={styles.form} onSubmit={onSubmit}>
      <Field
        label={t('unlock.passphrase')}
        hint={t('unlock.hint')}
        validationMessage={problem ? t(problem, { person: displayName(plan, person) }) : undefined}
        validationState={problem ? 'error' : 'none'}
      >
        <Input type="password" autoComplete="off" value={passphrase} onChange={(_, d) => setPassphrase(d.value)} disabled={task.busy} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={task.busy}>
          {t('unlock.submit')}
        </Button>
        {task.busy && <Spinner size="tiny" label={t('unlock.deriving')} />}
      </div>
      {task.failure && <ErrorBar error={task.failure.error} onDismiss={task.dismiss} />}
    </form>
  );
}
