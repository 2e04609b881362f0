import { Badge, Caption1, CounterBadge, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import type { SheetReport } from '../../core/rules/report';
import { useI18n } from '../state/i18nContext';
import { renderFinding } from '../../core/i18n/render';
import { visible } from '../../core/text/visible';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  groupHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  groupTitle: { flexGrow: 1 },
  items: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
    listStyleType: 'none',
  },
  finding: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalXS },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  message: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  cell: { flexShrink: 0, color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
});

export interface FindingGroup {
  /** item code, or '' for findings about the whole sheet */
  readonly item: string;
  readonly name: string;
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

/** Findings grouped by item (whole-sheet findings first, then in sheet order), errors before warnings. */
export function groupFindings(report: SheetReport): FindingGroup[] {
  const byItem = new Map<string, Finding[]>([['', []]]);
  for (const f of report.findings) {
    const key = f.item ?? '';
    const list = byItem.get(key) ?? [];
    list.push(f);
    byItem.set(key, list);
  }
  const rank = (f: Finding): number => (f.severity === 'error' ? 0 : 1);
  return [...byItem]
    .filter(([, list]) => list.length)
    .map(([item, list]) => ({
      item,
      name: item ? (report.ctx?.rubric.byCode.get(item)?.name ?? '') : '',
      findings: [...list].sort((a, b) => rank(a) - rank(b)),
      errors: list.filter((f) => f.severity === 'error').length,
      warnings: list.filter((f) => f.severity === 'warning').length,
    }));
}

/** A cell the pane can take the person to: one on the score sheet itself (not the hidden log). */
const selectable = (cell: string | undefined): cell is string => !!cell && !cell.includes('!');

export interface FindingListProps {
  readonly report: SheetReport;
  /** selects a cell of the sheet */
  readonly onSelect: (cell: string) => void;
}

/** The findings of a report, grouped by item and severity, with counts; a finding with a cell selects it. */
export function FindingList({ report, onSelect }: FindingListProps): JSX.Element {
  const { t, core } = useI18n();
  const styles = useStyles();
  return (
    <ul className={styles.root}>
      {groupFindings(report).map((g) => (
        <li key={g.item || '-'} className={styles.group} data-item={g.item}>
          <div className={styles.groupHeader}>
            <Text weight="semibold" className={styles.groupTitle}>
              {g.item ? visible(`${g.item} ${g.name}`) : t('validate.wholeSheet')}
            </Text>
            <CounterBadge count={g.errors} color="danger" size="small" />
            <CounterBadge count={g.warnings} color="important" appearance="ghost" size="small" />
          </div>
          <ul className={styles.items}>
            {g.findings.map((f, i) => (
              <li key={i} className={styles.finding}>
                <Badge appearance="tint" color={f.severity === 'error' ? 'danger' : 'warning'} size="small" className={styles.badge}>
                  {t(f.severity === 'error' ? 'validate.severity.error' : 'validate.severity.warning')}
                </Badge>
                {selectable(f.cell) ? (
                  <Link
                    as="button"
                    className={styles.message}
                    title={t('validate.goto', { cell: f.cell })}
                    onClick={() => onSelect(f.cell!)}
                  >
                    {visible(renderFinding(f, report.locale, core))}
                  </Link>
                ) : (
                  <Text className={styles.message}>{visible(renderFinding(f, report.locale, core))}</Text>
                )}
                {f.cell && <Caption1 className={styles.cell}>{visible(f.cell)}</Caption1>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
