import {
  Badge,
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useI18n } from '../state/i18nContext';
import type { CompileReport, FileOutcome, SheetOutcome } from './compileInExcel';
import { cstText } from '../../core/protocol/time';
import { renderFinding } from '../../core/i18n/render';
import { visible } from '../../core/text/visible';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  findings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  fileName: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-all' },
});

export interface CompileResultsProps {
  readonly report: CompileReport;
}

/** Verified/failed per file with each sheet's findings, then the ranking of each category. */
export function CompileResults({ report }: CompileResultsProps): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const categories = [...new Set(report.result.summary.map((r) => r.category))];
  const ranked = report.result.summary.filter((r) => r.status === 'verified' || r.status === 'names-only');
  return (
    <div className={styles.root} data-testid="compile-results">
      <section className={styles.section} aria-label={t('compile.results.files')}>
        <Subtitle2>{t('compile.results.files')}</Subtitle2>
        {report.files.map((f, i) => (
          <FileBlock key={`${i}:${f.file}`} outcome={f} />
        ))}
      </section>
      {ranked.length === 0 ? (
        <Text>{t('compile.results.noRanking')}</Text>
      ) : (
        categories.map((category) => {
          const rows = ranked.filter((r) => r.category === category);
          if (!rows.length) return null;
          return (
            <section key={category} className={styles.section}>
              <Subtitle2>{t('compile.results.ranking', { category })}</Subtitle2>
              <Table size="small" aria-label={t('compile.results.ranking', { category })}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('compile.col.rank')}</TableHeaderCell>
                    <TableHeaderCell>{t('compile.col.unit')}</TableHeaderCell>
                    <TableHeaderCell>{t('compile.col.total')}</TableHeaderCell>
                    <TableHeaderCell>{t('compile.col.grade')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={`${r.file}:${r.unit}`} data-unit={r.unit}>
                      <TableCell>{r.rank}</TableCell>
                      <TableCell>{visible(r.name)}</TableCell>
                      <TableCell>{r.total}</TableCell>
                      <TableCell>{r.grade}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          );
        })
      )}
    </div>
  );
}

function FileBlock({ outcome }: { readonly outcome: FileOutcome }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.file} data-file={outcome.file}>
      <div className={styles.row}>
        <Text className={styles.fileName}>{visible(outcome.file)}</Text>
        {outcome.status === 'unreadable' && (
          <Badge appearance="tint" color="danger">
            {t('compile.status.unreadable')}
          </Badge>
        )}
        {outcome.status === 'noScoreSheet' && (
          <Badge appearance="tint" color="warning">
            {t('compile.status.noScoreSheet')}
          </Badge>
        )}
      </div>
      {outcome.error && <Caption1>{t(`compile.read.${outcome.error}`)}</Caption1>}
      {outcome.sheets.map((s, i) => (
        <SheetLine key={`${i}:${s.sheet}`} sheet={s} />
      ))}
    </div>
  );
}

function SheetLine({ sheet }: { readonly sheet: SheetOutcome }): JSX.Element {
  const styles = useStyles();
  const { t, core } = useI18n();
  const errors = sheet.findings.filter((f) => f.severity === 'error').length;
  const warnings = sheet.findings.length - errors;
  return (
    <div className={styles.file} data-unit={sheet.unit} data-status={sheet.status}>
      <div className={styles.row}>
        <Text>{t('compile.results.unit', { name: visible(sheet.unitName), id: visible(sheet.unit) })}</Text>
        <Badge appearance="tint" color={sheet.status === 'verified' ? 'success' : sheet.status === 'names-only' ? 'warning' : 'danger'}>
          {t(`compile.status.${sheet.status}`)}
        </Badge>
        <Caption1>{sheet.findings.length ? t('compile.results.counts', { errors, warnings }) : t('compile.results.clean')}</Caption1>
      </div>
      {sheet.summary?.sealCode && (
        <Caption1 data-seal={sheet.summary.sealCode}>
          {t('compile.results.seal', {
            sealer: visible(sheet.summary.sealer ?? ''),
            when: cstText(sheet.summary.sealedAt ?? ''),
            code: sheet.summary.sealCode,
            register: t(`compile.register.${sheet.summary.register}`),
          })}
        </Caption1>
      )}
      {sheet.findings.length > 0 && (
        <ul className={styles.findings}>
          {sheet.findings.map((f, i) => (
            <li key={i} data-code={f.code}>
              <Caption1>
                {t('compile.results.finding', {
                  severity: t(f.severity === 'error' ? 'compile.severity.error' : 'compile.severity.warning'),
                  cell: f.cell ? t('compile.results.cell', { cell: visible(f.cell) }) : '',
                  message: visible(renderFinding(f, sheet.locale, core)),
                })}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
