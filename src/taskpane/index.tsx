/**
 * The task pane's entry: waits for Office, checks the host, then renders the pane (or the
 * unsupported-host message) inside the Fluent provider. ExcelJS is not imported here or by
 * anything this imports statically.
 */
import { createRoot } from 'react-dom/client';
import { createOfficeActions } from './actions';
import { App, tabFromQuery } from './components/App';
import { PaneProviders } from './components/PaneProviders';
import { UnsupportedHost } from './components/UnsupportedHost';
import { checkHost, type OfficeLike } from './host';

async function start(): Promise<void> {
  const container = document.getElementById('container');
  if (!container) return;
  const office = (globalThis as { Office?: OfficeLike }).Office;
  const host = await checkHost(office, navigator.language);
  createRoot(container).render(
    <PaneProviders locale={host.locale}>
      {host.ok ? (
        <App actions={createOfficeActions()} initialTab={tabFromQuery(location.search)} />
      ) : (
        <UnsupportedHost problem={host.problem} />
      )}
    </PaneProviders>,
  );
}

void start();
