/**
 * Feature detection for the ExcelApi requirement sets ScoreSeal uses beyond its minimum
 * (ExcelApi 1.7, declared in the manifest): 1.8 data validation, 1.9 page layout,
 * 1.13 merged areas.
 */

export type OptionalApi = '1.8' | '1.9' | '1.13';

/** Whether the host supports an ExcelApi requirement set (false outside Office). */
export function supports(api: OptionalApi): boolean {
  if (typeof Office === 'undefined' || !Office.context?.requirements) return false;
  return Office.context.requirements.isSetSupported('ExcelApi', api);
}
