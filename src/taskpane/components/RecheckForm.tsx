import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ItemEval } from '../../core/rules/report';
import { canonCell } from '../../core/sheet/cells';
import type { RecheckResult } from '../../core/signing/records';
import type { Outcome, RecheckInput } from '../actions';
import { useI18n } from '../state/i18nContext';
import { Notice } from './Notice';
import { ReasonsBar } from './ReasonsBar';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface RecheckFormProps {
  readonly item: ItemEval;
  readonly busy: boolean;
  /** records the re-check; resolves to the outcome, or undefined when the step failed (shown by the view) */
  readonly onSubmit: (input: RecheckInput) => Promise<Outcome<unknown> | undefined>;
}

/** The re-check of one sampled item: confirmed, or adjusted with a score; a note (required when adjusted). */
export function RecheckForm({ item, busy, onSubmit }: RecheckFormProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const node = item.content.node;
  const [result, setResult] = useState<RecheckResult>('confirmed');
  const [score, setScore] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const recorded = canonCell(item.content.row.cells.recheck);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setOutcome(null);
    const input: RecheckInput = result === 'adjusted' ? { item: node.code, result, score, note } : { item: node.code, result, note };
    const r = await onSubmit(input);
    if (r) setOutcome(r);
  };

  return (
    <form className={styles.root} onSubmit={(e) => void submit(e)} aria-label={`${node.code} ${node.name}`}>
      <Text weight="semibold">{`${node.code} ${node.name}`}</Text>
      <Caption1>{t('recheck.original', { score: canonCell(item.content.row.cells.score) })}</Caption1>
      {item.recheck && <Caption1>{t('recheck.current', { result: recorded })}</Caption1>}
      <Field label={t('recheck.result')}>
        <RadioGroup value={result} onChange={(_, d) => setResult(d.value === 'adjusted' ? 'adjusted' : 'confirmed')} layout="horizontal">
          <Radio value="confirmed" label={t('recheck.confirmed')} />
          <Radio value="adjusted" label={t('recheck.adjusted')} />
        </RadioGroup>
      </Field>
      {result === 'adjusted' && (
        <Field label={t('recheck.score')}>
          <Input value={score} onChange={(_, d) => setScore(d.value)} inputMode="decimal" />
        </Field>
      )}
      <Field label={t('recheck.note')}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
      </Field>
      <div>
        <Button type="submit" disabled={busy}>
          {t('recheck.submit')}
        </Button>
      </div>
      {outcome &&
        (outcome.ok ? (
          <Notice intent="success">{t('recheck.saved', { item: node.code })}</Notice>
        ) : (
          <ReasonsBar reasons={outcome.reasons} />
        ))}
    </form>
  );
}
