import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useI18n } from '../state/i18nContext';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteGreenBackground1,
  },
  grow: { flexGrow: 1 },
});

export interface SessionBarProps {
  /** the unlocked person's display name */
  readonly name: string;
  readonly onLock: () => void;
}

/** Whose key is unlocked, and the Lock button that forgets it. */
export function SessionBar({ name, onLock }: SessionBarProps): JSX.Element {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text className={styles.grow}>{t('session.active', { person: name })}</Text>
      <Button size="small" onClick={onLock}>
        {t('session.lock')}
      </Button>
    </div>
  );
}
