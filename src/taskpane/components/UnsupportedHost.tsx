import { makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import type { HostProblem } from '../host';
import { useI18n } from '../state/i18nContext';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
});

export interface UnsupportedHostProps {
  readonly problem: HostProblem;
}

/** The plain message page shown instead of a blank pane when the host cannot run ScoreSeal. */
export function UnsupportedHost({ problem }: UnsupportedHostProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root} role="alert">
      <Title3>{t('unsupported.title')}</Title3>
      <Text>{t(`unsupported.${problem}`)}</Text>
    </div>
  );
}
