import { Button, Checkbox, Link, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CompileActions, GenerateResult, PaneActions, SetupRead } from '../actions';
import { CompileView } from '../compile/CompileView';
import { ErrorBar } from '../components/ErrorBar';
import { Notice } from '../components/Notice';
import { RegisterForm } from '../components/RegisterForm';
import { errorMessageId } from '../errors';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';
import { visible } from '../../core/text/visible';
import { render } from '../../core/i18n/catalog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  where: { fontFamily: tokens.fontFamilyMonospace },
});

export interface OfficeViewProps {
  /** the pane's actions: its own, and the compile's */
  readonly actions: Pick<PaneActions, 'readSetup' | 'generateSheets' | 'selectCell' | 'capabilities' | 'addEnvelope'> & CompileActions;
}

/** "细则!F12" → ["细则", "F12"]; null when the place is not one cell ("设置 / Settings"). */
function cellOf(where: string): [string, string] | null {
  const m = /^(.+)!([A-Z]{1,3}\d+)$/.exec(where);
  return m ? [m[1]!, m[2]!] : null;
}

/**
 * 办公室 Office: reads the setup sheets of the open workbook into a plan (problems listed by
 * sheet and cell, PLAN_INVALID), then generates the score sheet of each chosen unit; the
 * envelope register (封袋登记) where the seal codes of arriving envelopes are entered; below,
 * the compile (verify sealed sheets against the register, write 汇总 / 考核人员分析 / 问题清单 with a chart).
 */
export function OfficeView({ actions }: OfficeViewProps): JSX.Element {
  const { t, locale, core } = useI18n();
  const styles = useStyles();
  const [setup, setSetup] = useState<SetupRead | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<GenerateResult[] | null>(null);
  const reading = useTask();
  const generating = useTask();
  const selecting = useTask();
  const caps = actions.capabilities();

  const read = async (): Promise<void> => {
    setResults(null);
    const r = await reading.run(actions.readSetup);
    if (!r) return;
    setSetup(r);
    setChosen(new Set(r.ok ? r.plan.units.keys() : []));
  };

  const generate = async (): Promise<void> => {
    if (!setup?.ok) return;
    const plan = setup.plan;
    const ids = [...plan.units.keys()].filter((id) => chosen.has(id));
    const r = await generating.run(() => actions.generateSheets(plan, ids));
    if (r) setResults(r);
  };

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  const plan = setup?.ok ? setup.plan : null;
  const units = plan ? [...plan.units.values()] : [];

  return (
    <div className={styles.root}>
      <Text>{t('office.intro')}</Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void read()} disabled={reading.busy}>
          {t('office.read')}
        </Button>
        {reading.busy && <Spinner size="tiny" label={t('common.reading')} />}
      </div>
      {reading.failure && <ErrorBar error={reading.failure.error} onDismiss={reading.dismiss} />}

      {setup && !setup.ok && (
        <section className={styles.section}>
          <Notice intent="error">{t('office.invalid', { count: setup.issues.length })}</Notice>
          <ul className={styles.list}>
            {setup.issues.map((issue, i) => {
              const cell = cellOf(issue.where);
              return (
                <li key={i}>
                  {cell ? (
                    <Link
                      as="button"
                      className={styles.where}
                      onClick={() => void selecting.run(() => actions.selectCell(cell[0], cell[1]))}
                    >
                      {issue.where}
                    </Link>
                  ) : (
                    <Text className={styles.where}>{visible(issue.where)}</Text>
                  )}{' '}
                  <Text>{visible(render(issue.problem, locale, core))}</Text>
                </li>
              );
            })}
          </ul>
          {selecting.failure && <ErrorBar error={selecting.failure.error} onDismiss={selecting.dismiss} />}
        </section>
      )}

      {plan && (
        <section className={styles.section}>
          <Text weight="semibold">{t('office.planOk', { title: plan.data.title, units: plan.units.size, people: plan.people.size })}</Text>
          {!caps.validation && <Notice intent="warning">{t('office.noValidation')}</Notice>}
          {!caps.pageLayout && <Notice intent="warning">{t('office.noPageLayout')}</Notice>}
          <Subtitle2>{t('office.units')}</Subtitle2>
          <Checkbox
            label={t('office.selectAll')}
            checked={chosen.size === units.length ? true : chosen.size ? 'mixed' : false}
            onChange={(_, d) => setChosen(new Set(d.checked === true ? units.map((u) => u.id) : []))}
          />
          {units.map((u) => (
            <Checkbox
              key={u.id}
              label={`${u.name}（${u.id}）`}
              checked={chosen.has(u.id)}
              onChange={(_, d) => toggle(u.id, d.checked === true)}
            />
          ))}
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void generate()} disabled={!chosen.size || generating.busy}>
              {t('office.generate')}
            </Button>
            {generating.busy && <Spinner size="tiny" label={t('common.working')} />}
          </div>
          {generating.failure && <ErrorBar error={generating.failure.error} onDismiss={generating.dismiss} />}
          {results && (
            <ul className={styles.list} aria-live="polite">
              {results.map((r) => (
                <li key={r.unit}>
                  {r.ok ? (
                    <Text>{t('office.generated', { sheet: r.sheetName })}</Text>
                  ) : (
                    <Text>{t('office.failed', { unit: plan.units.get(r.unit)?.name ?? r.unit, error: t(errorMessageId(r.error)) })}</Text>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {plan && <RegisterForm plan={plan} actions={actions} />}

      <CompileView actions={actions} />
    </div>
  );
}
