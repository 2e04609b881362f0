import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { Reason } from '../actions';
import { renderReason } from '../../core/i18n/render';
import { useI18n } from '../state/i18nContext';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export interface ReasonsBarProps {
  readonly reasons: readonly Reason[];
}

/** Why a step was refused: the core's reasons (in the plan's language) or the pane's own. */
export function ReasonsBar({ reasons }: ReasonsBarProps): JSX.Element {
  const { t, core } = useI18n();
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('common.refused')}</MessageBarTitle>
        <ul className={styles.list}>
          {reasons.map((r, i) => (
            <li key={i}>{'refusal' in r ? renderReason(r.refusal, r.locale, core) : t(r.id, r.params)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
