/** The pane's language: the current locale, its translate function and a way to switch. */
import { createContext, useContext } from 'react';
import { CATALOGS, type Catalogs } from '../../core/i18n/catalog';
import { translator, UI_CATALOGS, type Locale, type Translate } from '../i18n';

export interface I18nValue {
  readonly locale: Locale;
  readonly t: Translate;
  /** the core's catalogs: findings and refusals are rendered with them, in the plan's locale */
  readonly core: Catalogs;
  readonly setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18nValue>({
  locale: 'zh-CN',
  t: translator(UI_CATALOGS['zh-CN']),
  core: CATALOGS,
  setLocale: () => undefined,
});

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
