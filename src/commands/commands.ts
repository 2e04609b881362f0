/**
 * The ribbon's function file (manifest `FunctionFile`). ScoreSeal's ribbon buttons open the
 * task pane (`ShowTaskpane`): 考核评分 on its first view, 自检 (self-test) on the self-test view
 * (`taskpane.html?view=selftest`, read by src/taskpane/components/App.tsx `tabFromQuery`). Neither
 * needs code; Office still loads this page, so it only signals that it is ready.
 */
void Office.onReady();
