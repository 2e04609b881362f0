import { Badge, Button, Caption1, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { SheetSnapshot } from '../actions';
import { useI18n } from '../state/i18nContext';
import { Notice } from './Notice';
import { renderFinding } from '../../core/i18n/render';
import { visible } from '../../core/text/visible';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
});

export interface SheetHeaderProps {
  readonly snapshot: SheetSnapshot | null;
  readonly busy: boolean;
  readonly onRefresh: () => void;
}

/** Which sheet and unit a view works on, its stage, and a Refresh button (reads the active sheet again). */
export function SheetHeader({ snapshot, busy, onRefresh }: SheetHeaderProps): JSX.Element {
  const { t, core } = useI18n();
  const styles = useStyles();
  const report = snapshot?.report;
  const problem = report && !report.ctx ? report.findings.find((f) => f.severity === 'error') : undefined;
  return (
    <div className={styles.root}>
      <div className={styles.line}>
        <div className={styles.grow}>
          {snapshot && <Caption1 block>{t('common.sheet', { sheet: snapshot.sheetName })}</Caption1>}
          {report?.ctx && (
            <Text weight="semibold" block>
              {t('common.unit', { unit: visible(report.unitName), id: visible(report.unit) })}
            </Text>
          )}
        </div>
        {busy && <Spinner size="tiny" label={t('common.reading')} />}
        <Button size="small" onClick={onRefresh} disabled={busy}>
          {t('common.refresh')}
        </Button>
      </div>
      {report?.ctx && (
        <div className={styles.line}>
          <Badge appearance="tint" color={report.stage === 'sealed' ? 'success' : report.stage === 'unsealed' ? 'danger' : 'informative'}>
            {t('stage.label', { stage: t(`stage.${report.stage}`) })}
          </Badge>
        </div>
      )}
      {report && !report.ctx && (
        <Notice intent="warning">
          {t('common.notScoreSheet', { detail: problem ? renderFinding(problem, report.locale, core) : snapshot.sheetName })}
        </Notice>
      )}
    </div>
  );
}
