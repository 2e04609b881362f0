import {
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { SelfTestReport, SelfTestStatus } from '../../office';
import { ErrorBar } from '../components/ErrorBar';
import { Notice } from '../components/Notice';
import { useI18n } from '../state/i18nContext';
import { useTask } from '../state/useTask';
import type { SelfTestActions } from './actions';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { tableLayout: 'auto' },
  passed: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  unsupported: { color: tokens.colorNeutralForeground3 },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  json: { fontFamily: tokens.fontFamilyMonospace, minHeight: '8em' },
});

export interface SelfTestViewProps {
  readonly actions: SelfTestActions;
}

/**
 * 自检 Self-test: runs the host self-test (src/office/selftest) on temporary sheets of the open
 * workbook and shows one row per check (passed / failed / unsupported, with the error code
 * Excel gave and what was observed), whether the fixture's canonical digest read back through
 * Excel equals the command line's, and the report as JSON with a Copy button for support.
 * Any role may run it.
 */
export function SelfTestView({ actions }: SelfTestViewProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  const task = useTask();
  const [report, setReport] = useState<SelfTestReport | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const start = async (): Promise<void> => {
    setCopied(null);
    const r = await task.run(() => actions.runSelfTest());
    if (r) setReport(r);
  };
  const json = report ? JSON.stringify(report, null, 2) : '';
  const copy = async (): Promise<void> => {
    try {
      await actions.copy(json);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  const count = (status: SelfTestStatus): number => report?.results.filter((r) => r.status === status).length ?? 0;

  return (
    <div className={styles.root}>
      <Text>{t('selftest.intro')}</Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void start()} disabled={task.busy}>
          {t('selftest.run')}
        </Button>
        {task.busy && <Spinner size="tiny" label={t('selftest.running')} />}
      </div>
      {task.failure && <ErrorBar error={task.failure.error} onDismiss={task.dismiss} />}
      {report && (
        <>
          <Notice intent={count('failed') ? 'warning' : 'success'}>
            {t('selftest.summary', { passed: count('passed'), failed: count('failed'), unsupported: count('unsupported') })}
          </Notice>
          <Notice intent={report.digests.host === report.digests.expected ? 'success' : 'error'}>
            {t(report.digests.host === report.digests.expected ? 'selftest.digestMatch' : 'selftest.digestMismatch')}
          </Notice>
          <Table size="small" className={styles.table} aria-label={t('selftest.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('selftest.col.check')}</TableHeaderCell>
                <TableHeaderCell>{t('selftest.col.result')}</TableHeaderCell>
                <TableHeaderCell>{t('selftest.col.code')}</TableHeaderCell>
                <TableHeaderCell>{t('selftest.col.observed')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.results.map((r) => (
                <TableRow key={r.id} data-check={r.id} data-status={r.status}>
                  <TableCell>{t(`selftest.check.${r.id}`)}</TableCell>
                  <TableCell className={styles[r.status]}>{t(`selftest.status.${r.status}`)}</TableCell>
                  <TableCell className={styles.code}>{r.code ?? ''}</TableCell>
                  <TableCell className={styles.code}>{r.observed ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.row}>
            <Button onClick={() => void copy()}>{t('selftest.copy')}</Button>
            {copied === 'yes' && <Caption1 role="status">{t('selftest.copied')}</Caption1>}
          </div>
          {copied === 'failed' && <Notice intent="warning">{t('selftest.copyFailed')}</Notice>}
          <Textarea className={styles.json} readOnly value={json} aria-label={t('selftest.json')} resize="vertical" />
          <Caption1>{t('selftest.report')}</Caption1>
        </>
      )}
    </div>
  );
}
