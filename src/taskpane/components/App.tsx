import { Button, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { PaneActions } from '../actions';
import { createSelfTestActions, type SelfTestActions } from '../selftest/actions';
import { SelfTestView } from '../selftest/SelfTestView';
import { useI18n } from '../state/i18nContext';
import { EnrolView } from '../views/EnrolView';
import { OfficeView } from '../views/OfficeView';
import { OversightView } from '../views/OversightView';
import { SignView } from '../views/SignView';
import { ValidateView } from '../views/ValidateView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { flexGrow: 1 },
  tabs: { paddingLeft: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  main: { padding: tokens.spacingHorizontalM },
});

export const TABS = ['validate', 'sign', 'enrol', 'oversight', 'office', 'selftest'] as const;
export type TabId = (typeof TABS)[number];

export interface AppProps {
  readonly actions: PaneActions;
  /** the host self-test's actions (default: over Office.js) */
  readonly selfTest?: SelfTestActions;
  readonly initialTab?: TabId;
}

/** The tab a `view` query parameter names (the ribbon's self-test button opens `taskpane.html?view=selftest`), else undefined. */
export function tabFromQuery(search: string): TabId | undefined {
  const view = new URLSearchParams(search).get('view');
  return (TABS as readonly string[]).includes(view ?? '') ? (view as TabId) : undefined;
}

/**
 * The task pane: a header with the language switch, one tab per role view. A view is mounted
 * the first time it is opened and then kept (hidden), so its results survive tab switches.
 */
export function App({ actions, selfTest, initialTab = 'validate' }: AppProps): JSX.Element {
  const { t, locale, setLocale } = useI18n();
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>(initialTab);
  const selfTestActions = useMemo(() => selfTest ?? createSelfTestActions(), [selfTest]);
  const [opened, setOpened] = useState<ReadonlySet<TabId>>(new Set([initialTab]));

  const open = (id: TabId): void => {
    setTab(id);
    if (!opened.has(id)) setOpened(new Set([...opened, id]));
  };

  const view = (id: TabId): JSX.Element => {
    switch (id) {
      case 'validate':
        return <ValidateView actions={actions} />;
      case 'sign':
        return <SignView actions={actions} />;
      case 'enrol':
        return <EnrolView actions={actions} />;
      case 'oversight':
        return <OversightView actions={actions} />;
      case 'office':
        return <OfficeView actions={actions} />;
      case 'selftest':
        return <SelfTestView actions={selfTestActions} />;
    }
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Text weight="semibold" size={400} className={styles.title}>
          {t('app.title')}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          title={t('app.languageSwitchLabel')}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
        >
          {t('app.languageSwitch')}
        </Button>
      </header>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => open(d.value as TabId)}
        aria-label={t('app.tabs')}
        size="small"
      >
        {TABS.map((id) => (
          <Tab key={id} value={id} id={`tab-${id}`} aria-controls={`panel-${id}`}>
            {t(`tab.${id}`)}
          </Tab>
        ))}
      </TabList>
      <main className={styles.main}>
        {TABS.filter((id) => opened.has(id)).map((id) => (
          <div key={id} id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} hidden={id !== tab}>
            {view(id)}
          </div>
        ))}
      </main>
    </div>
  );
}
