import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { errorMessage } from '../errors';
import type { UiMessageId } from '../i18n';
import { useI18n } from '../state/i18nContext';

export interface ErrorBarProps {
  readonly error: unknown;
  readonly onDismiss?: () => void;
  /** the bar's title (default: error.title, "the action did not complete") */
  readonly title?: UiMessageId;
}

/** A failed step, as one localized message (never the raw error text). */
export function ErrorBar({ error, onDismiss, title = 'error.title' }: ErrorBarProps): JSX.Element {
  const { t } = useI18n();
  const message = errorMessage(error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t(title)}</MessageBarTitle>
        {t(message.id, message.params)}
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
