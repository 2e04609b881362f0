/**
 * The ribbon's function file (manifest `FunctionFile`). ScoreSeal's only ribbon button opens
 * the task pane (`ShowTaskpane`), which needs no code; Office still loads this page, so it
 * only signals that it is ready.
 */
void Office.onReady();
