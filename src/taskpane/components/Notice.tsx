import { MessageBar, MessageBarBody, type MessageBarIntent } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface NoticeProps {
  readonly intent?: MessageBarIntent;
  readonly children: ReactNode;
}

/** A one-line message (success, information, warning). */
export function Notice({ intent = 'info', children }: NoticeProps): JSX.Element {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
