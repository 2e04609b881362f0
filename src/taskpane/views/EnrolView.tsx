import { Button, Caption1, Field, Input, Label, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { keyFingerprint } from '../../core/crypto/ed25519';
import { passphraseProblem } from '../../core/crypto/passphrase';
import type { PaneActions, Roster } from '../actions';
import { ErrorBar } from '../components/ErrorBar';
import { Notice } from '../components/Notice';
import { PersonPicker } from '../components/PersonPicker';
import type { UiMessageId } from '../i18n';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  key: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
  },
  fingerprint: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export interface EnrolViewProps {
  readonly actions: Pick<PaneActions, 'loadRoster' | 'deriveKey'>;
  /** copies text to the clipboard (navigator.clipboard by default) */
  readonly copyText?: (text: string) => Promise<void>;
}

const clipboardCopy = (text: string): Promise<void> => navigator.clipboard.writeText(text);

interface Enrolled {
  readonly person: string;
  readonly publicKey: string;
  readonly registered: string | undefined;
}

/**
 * 登记 Enrol: choose yourself, type a passphrase twice (weak ones are refused), and get the
 * public key with its fingerprint to give to the Office. The passphrase is cleared from the
 * form as soon as it is submitted, and the private key is wiped after use.
 */
export function EnrolView({ actions, copyText = clipboardCopy }: EnrolViewProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [person, setPerson] = useState('');
  const [problem, setProblem] = useState<UiMessageId | null>(null);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const loading = useTask();
  const deriving = useTask();

  const runLoading = loading.run;
  const load = useCallback(async (): Promise<void> => {
    const r = await runLoading(actions.loadRoster);
    if (r) setRoster(r);
  }, [runLoading, actions.loadRoster]);
  useEffect(() => {
    void load();
  }, [load]);

  const plan = roster && (roster.kind === 'setup' || roster.kind === 'sheet') ? roster.plan : null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const [a, b] = [first, second];
    setFirst('');
    setSecond('');
    setEnrolled(null);
    setCopied(null);
    const owner = person ? plan?.people.get(person) : undefined;
    const weak = passphraseProblem(a, owner);
    const why: UiMessageId | null = weak ? (`enrol.${weak}` as const) : a !== b ? 'enrol.mismatch' : null;
    setProblem(why);
    if (why || !plan || !person) return;
    const key = await deriving.run(() => actions.deriveKey(a, plan.data.title, person));
    if (!key) return;
    key.secret.fill(0);
    setEnrolled({ person, publicKey: key.publicKey, registered: plan.people.get(person)?.publicKey });
  };

  const copy = async (text: string): Promise<void> => {
    try {
      await copyText(text);
      setCopied('ok');
    } catch {
      setCopied('failed'); // the person can still select the key by hand
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Text>{t('enrol.intro')}</Text>
      </div>
      <div className={styles.row}>
        {roster?.kind === 'setup' && <Caption1>{t('enrol.sourceSetup', { title: roster.plan.data.title })}</Caption1>}
        {roster?.kind === 'sheet' && (
          <Caption1>{t('enrol.sourceSheet', { sheet: roster.sheetName, title: roster.plan.data.title })}</Caption1>
        )}
        {loading.busy && <Spinner size="tiny" label={t('common.reading')} />}
        <Button size="small" onClick={() => void load()} disabled={loading.busy}>
          {t('common.refresh')}
        </Button>
      </div>
      {loading.failure && <ErrorBar error={loading.failure.error} onDismiss={loading.dismiss} />}
      {roster?.kind === 'none' && <Notice intent="warning">{t('enrol.noRoster')}</Notice>}
      {roster?.kind === 'setupInvalid' && <Notice intent="warning">{t('enrol.setupInvalid', { count: roster.issues.length })}</Notice>}

      {plan && (
        <form className={styles.form} onSubmit={(e) => void submit(e)}>
          <PersonPicker plan={plan} roles={['appraiser', 'oversight', 'office']} value={person} onChange={setPerson} />
          <Field
            label={t('enrol.passphrase')}
            validationMessage={problem ? t(problem) : undefined}
            validationState={problem ? 'error' : 'none'}
          >
            <Input type="password" autoComplete="off" value={first} onChange={(_, d) => setFirst(d.value)} />
          </Field>
          <Field label={t('enrol.repeat')}>
            <Input type="password" autoComplete="off" value={second} onChange={(_, d) => setSecond(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={!person || deriving.busy}>
              {t('enrol.submit')}
            </Button>
            {deriving.busy && <Spinner size="tiny" label={t('unlock.deriving')} />}
          </div>
        </form>
      )}
      {deriving.failure && <ErrorBar error={deriving.failure.error} onDismiss={deriving.dismiss} />}

      {enrolled && (
        <section className={styles.form} aria-live="polite">
          <Label>{t('enrol.publicKey')}</Label>
          <code className={styles.key} data-testid="public-key">
            {enrolled.publicKey}
          </code>
          <div className={styles.row}>
            <Text>{t('enrol.fingerprint')}</Text>
            <Text className={styles.fingerprint} data-testid="fingerprint">
              {keyFingerprint(enrolled.publicKey)}
            </Text>
          </div>
          <div className={styles.row}>
            <Button onClick={() => void copy(enrolled.publicKey)}>{t('enrol.copy')}</Button>
            {copied === 'ok' && <Caption1>{t('enrol.copied')}</Caption1>}
          </div>
          {copied === 'failed' && <Notice intent="warning">{t('enrol.copyFailed')}</Notice>}
          {enrolled.registered !== undefined &&
            (enrolled.registered === enrolled.publicKey ? (
              <Notice intent="success">{t('enrol.matches')}</Notice>
            ) : (
              <Notice intent="warning">{t('enrol.differs')}</Notice>
            ))}
          <Caption1>{t('enrol.next')}</Caption1>
        </section>
      )}
    </div>
  );
}
