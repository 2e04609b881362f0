import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { errorMessageId } from '../errors';
import { useI18n } from '../state/i18nContext';

export interface ErrorBarProps {
  readonly error: unknown;
  readonly onDismiss?: () => void;
}

/** A failed step, as one localized message (never the raw error text). */
export function ErrorBar({ error, onDismiss }: ErrorBarProps): JSX.Element {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('error.title')}</MessageBarTitle>
        {t(errorMessageId(error))}
      </MessageBarBody>
      {onDismiss && (
        <MessageBarActions>
          <Button size="small" onClick={onDismiss}>
            {t('common.dismiss')}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
