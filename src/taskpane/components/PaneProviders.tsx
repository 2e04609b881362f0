import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Catalogs } from '../../core/i18n/catalog';
import type { Locale, UiCatalog } from '../i18n';
import { I18nProvider } from './I18nProvider';
import { SessionProvider } from './SessionProvider';

export interface PaneProvidersProps {
  readonly locale: Locale;
  readonly catalogs?: Readonly<Record<Locale, UiCatalog>>;
  readonly coreCatalogs?: Catalogs;
  readonly children: ReactNode;
}

/** Fluent theme, the pane's language and the signing session, around the whole pane. */
export function PaneProviders({ locale, catalogs, coreCatalogs, children }: PaneProvidersProps): JSX.Element {
  return (
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale} {...(catalogs ? { catalogs } : {})} {...(coreCatalogs ? { coreCatalogs } : {})}>
        <SessionProvider>{children}</SessionProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
