import { Button, Caption1, Link, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PaneActions, ValidateResult } from '../actions';
import { ErrorBar } from '../components/ErrorBar';
import { FindingList } from '../components/FindingList';
import { Notice } from '../components/Notice';
import { SheetHeader } from '../components/SheetHeader';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  sheets: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface ValidateViewProps {
  readonly actions: Pick<PaneActions, 'listScoreSheets' | 'validate' | 'selectCell'>;
}

/**
 * 核查 Validate: the workbook's score sheets; validating one reads it in one sync, evaluates it
 * against its embedded plan, lists the findings (a click selects the cell) and brings the
 * derived status cells up to date in one more sync. Input cells are never written.
 */
export function ValidateView({ actions }: ValidateViewProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const [sheets, setSheets] = useState<string[] | null>(null);
  const [result, setResult] = useState<ValidateResult | null>(null);
  const listing = useTask();
  const checking = useTask();
  const selecting = useTask();

  const runListing = listing.run;
  const refreshSheets = useCallback(async (): Promise<void> => {
    const names = await runListing(() => actions.listScoreSheets());
    if (names) setSheets(names);
  }, [actions, runListing]);

  useEffect(() => {
    void refreshSheets();
  }, [refreshSheets]);

  const validate = async (sheetName?: string): Promise<void> => {
    const r = await checking.run(() => actions.validate(sheetName));
    if (r) setResult(r);
  };

  const report = result?.snapshot.report;
  const errors = report?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = report?.findings.filter((f) => f.severity === 'warning').length ?? 0;

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void validate()} disabled={checking.busy}>
          {t('validate.runActive')}
        </Button>
        {checking.busy && <Spinner size="tiny" label={t('common.working')} />}
      </div>

      <section>
        <div className={styles.row}>
          <Subtitle2>{t('validate.sheets')}</Subtitle2>
          <Button size="small" appearance="subtle" onClick={() => void refreshSheets()} disabled={listing.busy}>
            {t('common.refresh')}
          </Button>
        </div>
        {sheets && !sheets.length && <Caption1>{t('validate.noSheets')}</Caption1>}
        {sheets && sheets.length > 0 && (
          <ul className={styles.sheets}>
            {sheets.map((name) => (
              <li key={name}>
                <Link
                  as="button"
                  aria-label={t('validate.runNamed', { sheet: name })}
                  onClick={() => void validate(name)}
                  disabled={checking.busy}
                >
                  {name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {listing.failure && <ErrorBar error={listing.failure.error} onDismiss={listing.dismiss} />}
      </section>

      {checking.failure && <ErrorBar error={checking.failure.error} onDismiss={checking.dismiss} />}
      {selecting.failure && <ErrorBar error={selecting.failure.error} onDismiss={selecting.dismiss} />}

      {result && report && (
        <section className={styles.root} aria-live="polite">
          <SheetHeader snapshot={result.snapshot} busy={checking.busy} onRefresh={() => void validate(result.snapshot.sheetName)} />
          <Text weight="semibold">{t('validate.counts', { errors, warnings })}</Text>
          {report.ctx && <Caption1>{t('validate.planSource')}</Caption1>}
          {result.statuses === 'written' && <Notice intent="success">{t('validate.statusWritten')}</Notice>}
          {result.statuses === 'unchanged' && <Caption1>{t('validate.statusUnchanged')}</Caption1>}
          {result.statuses === 'skipped' && report.ctx && <Caption1>{t('validate.statusSkipped')}</Caption1>}
          {report.findings.length === 0 ? (
            <Notice intent="success">{t('validate.clean')}</Notice>
          ) : (
            <FindingList
              report={report}
              onSelect={(cell) => void selecting.run(() => actions.selectCell(result.snapshot.sheetName, cell))}
            />
          )}
        </section>
      )}
    </div>
  );
}
