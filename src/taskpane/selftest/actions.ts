/**
 * The self-test's pane actions (kept apart from src/taskpane/actions.ts): run the host
 * self-test of the Office.js edge, and copy its report. A test passes a fake or the double.
 */
import { runSelfTest, type SelfTestReport } from '../../office';

export interface SelfTestActions {
  /** runs the host self-test (never rejects for what Excel does: the report says it) */
  readonly runSelfTest: () => Promise<SelfTestReport>;
  /** puts text on the clipboard; rejects when the clipboard is not available */
  readonly copy: (text: string) => Promise<void>;
}

/** The self-test actions over Office.js and the browser's clipboard. */
export function createSelfTestActions(): SelfTestActions {
  return {
    runSelfTest: () => runSelfTest(),
    copy: async (text) => {
      if (!navigator.clipboard?.writeText) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(text);
    },
  };
}
