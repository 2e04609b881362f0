import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { CATALOGS, type Catalogs } from '../../core/i18n/catalog';
import { translator, UI_CATALOGS, type Locale, type UiCatalog } from '../i18n';
import { I18nContext, type I18nValue } from '../state/i18nContext';

export interface I18nProviderProps {
  /** the language to start in (from Office's display language) */
  readonly locale: Locale;
  /** replaces the catalogs (the pseudo-locale test) */
  readonly catalogs?: Readonly<Record<Locale, UiCatalog>>;
  /** replaces the core's catalogs (the pseudo-locale test) */
  readonly coreCatalogs?: Catalogs;
  readonly children: ReactNode;
}

/** Provides the pane's language; the person can switch it while the pane is open. */
export function I18nProvider({
  locale: initial,
  catalogs = UI_CATALOGS,
  coreCatalogs = CATALOGS,
  children,
}: I18nProviderProps): JSX.Element {
  const [locale, setLocale] = useState<Locale>(initial);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18nValue>(
    () => ({ locale, t: translator(catalogs[locale]), core: coreCatalogs, setLocale }),
    [locale, catalogs, coreCatalogs],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
