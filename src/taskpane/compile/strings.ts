/**
 * The compile view's messages (zh-CN default, en-US), in the core catalog's style: keyed by
 * id, `{name}` placeholders, `t(locale, id, params)`. Texts that come from the core (findings,
 * plan issues, unit names) are in the plan's locale and are shown as data.
 */
import type { Locale, Params } from '../../core/i18n/catalog';

export type { Locale, Params };

const zh = {
  'compile.heading': '核验与汇总',
  'compile.intro': '核验已密封的考核表，把总分、等次与排名写入本工作簿的“汇总”“考核人员分析”“问题清单”表（再次汇总时替换这些表）。',

  'plan.label': '可信考核方案',
  'plan.setup': '本工作簿中的设置表（设置、细则设置、细则、人员、单位）',
  'plan.json': '考核方案 JSON 文件',
  'plan.pickJson': '选择方案文件（.json）',
  'plan.jsonChosen': '方案文件：{name}',
  'plan.missingJson': '请选择考核方案 JSON 文件。',
  'plan.invalid': '考核方案有 {count} 处问题，未进行汇总：',
  'plan.loaded': '{title}：{units} 个单位',

  'input.label': '要核验的考核表',
  'input.files': '选择或拖入的工作簿文件',
  'input.workbook': '本工作簿中的考核表',
  'input.pick': '选择 .xlsx 文件',
  'input.drop': '把 .xlsx 文件拖放到这里，或点击上方按钮选择（可多选）',
  'input.chosen': '已选 {count} 个文件：',
  'input.clear': '清除所选文件',
  'input.none': '请先选择或拖入要核验的 .xlsx 文件。',
  'input.notXlsx': '已略过 {count} 个不是 .xlsx 的文件。',

  'run.start': '核验并汇总',
  'run.cancel': '取消',
  'progress.label': '进度',
  'progress.starting': '准备中…',
  'progress.read': '读取文件：{done}/{total}',
  'progress.verified': '核验签字与密封：{done}/{total}',
  'progress.writing': '写入汇总表…',
  'progress.written': '已完成',
  'phase.read': '① 读取文件',
  'phase.verified': '② 核验',
  'phase.written': '③ 写入汇总表',
  'list.separator': '、',

  'done.title': '汇总完成',
  'done.body': '已写入工作表：{sheets}。',
  'done.replaced': '已替换原有的汇总表。',
  cancelled: '已取消，工作簿未作任何改动。',

  'results.files': '各文件核验结果',
  'results.counts': '{errors} 个错误，{warnings} 个提示',
  'results.clean': '未发现问题',
  'results.unit': '{name}（{id}）',
  'results.finding': '{severity}{cell}：{message}',
  'results.cell': ' {cell}',
  'results.ranking': '排名（{category}）',
  'results.noRanking': '没有通过核验的考核表，无法排名。',
  'status.verified': '通过核验',
  'status.failed': '未通过核验，不参与排名',
  'status.duplicate': '同一单位有多张考核表，均不参与排名',
  'status.names-only': '仅姓名签字（未经密钥验证），参与排名但不算“已核验”',
  'status.missing': '未收到',
  'results.seal': '监审人 {sealer} 于 {when}（北京时间）密封，密封码 {code}；封袋登记：{register}',
  'register.matched': '相符',
  'register.not-registered': '未登记此密封码',
  'register.unsealed': '已标为已拆封',
  'register.no-register': '未核对（没有“封袋登记”表）',
  'register.not-sealed': '未密封',
  'status.unreadable': '无法读取',
  'status.noScoreSheet': '其中没有考核表',
  'col.rank': '名次',
  'col.unit': '单位',
  'col.total': '总分',
  'col.grade': '等次',
  'severity.error': '错误',
  'severity.warning': '提示',

  'read.NOT_FOUND': '文件不存在。',
  'read.UNREADABLE': '文件无法读取。',
  'read.NOT_XLSX': '不是 .xlsx 工作簿（请在 Excel 中另存为“Excel 工作簿 (.xlsx)”）。',
  'read.ENCRYPTED': '工作簿设有打开密码。请在 Excel 中取消打开密码并保存后重试。',
  'read.CORRUPT': '文件已损坏或不完整，请使用原始文件。',
  'read.TOO_LARGE': '文件过大，不像是考核表。',
  'read.WRITE_FAILED': '文件无法读取。',
  'read.UNEXPECTED': '读取时出现意外错误。',

  'error.title': '未能完成汇总',
  'error.STRUCTURE_PROTECTED':
    '本工作簿的结构受保护（其中有已密封的考核表），不能添加汇总表。请新建一个空白工作簿，在其中打开 ScoreSeal，选择各单位的考核表文件进行汇总。',
  'error.NAME_TAKEN': '工作簿中已有名为“{sheet}”的工作表，且不是 ScoreSeal 生成的汇总表。为免覆盖，未写入任何内容；请将该表改名后重试。',
  'error.NO_FILES': '请先选择或拖入要核验的 .xlsx 文件。',
  'error.NO_SCORE_SHEETS': '所选内容中没有考核表，未写入任何内容。',
  'error.READER_FAILED': '无法启动文件读取组件（可能是网络中断）。请刷新加载项后重试。',
  'error.REGISTER_INVALID':
    '本工作簿的“封袋登记”表有无法读取的行（密封码应为 16 位十六进制数字，状态为“有效”或“已拆封”）。请更正后再汇总。',
  'error.planFile': '无法读取所选的方案文件。',
  'error.InvalidOperationInCellEditMode': 'Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。',
  'error.ItemNotFound': '找不到所需的工作表，可能已被重命名或删除。',
  'error.ItemAlreadyExists': '已有同名的工作表。',
  'error.AccessDenied': '工作表或工作簿受保护，无法写入汇总表。',
  'error.RequestPayloadSizeLimitExceeded': '一次要写入 Excel 的数据过多，请分批汇总。',
  'error.ResponsePayloadSizeLimitExceeded': '要从 Excel 读取的数据过多（网页版 Excel 单次约 5 MB 上限）。',
  'error.InvalidArgument': 'Excel 拒绝了这次操作（参数无效）。',
  'error.ApiNotFound': '此版本的 Excel 不支持所需功能，请更新 Excel。',
  'error.GeneralException': 'Excel 报告了一个错误，请稍后重试。',
  'error.unexpected': 'ScoreSeal 出现内部错误，请重试；如仍出现，请联系办公室。',
  'common.dismiss': '关闭',
} as const;

export type CompileMessageId = keyof typeof zh;
export type CompileCatalog = Readonly<Record<CompileMessageId, string>>;

const en: CompileCatalog = {
  'compile.heading': 'Verify and compile',
  'compile.intro':
    'Verifies sealed score sheets and writes totals, grades and ranks into the sheets Summary, Appraisers and Findings of this workbook (compiling again replaces them).',

  'plan.label': 'Trusted assessment plan',
  'plan.setup': 'The setup sheets of this workbook (设置, 细则设置, 细则, 人员, 单位)',
  'plan.json': 'A plan JSON file',
  'plan.pickJson': 'Choose the plan file (.json)',
  'plan.jsonChosen': 'Plan file: {name}',
  'plan.missingJson': 'Choose the plan JSON file.',
  'plan.invalid': 'The plan has {count} problem(s); nothing was compiled:',
  'plan.loaded': '{title}: {units} units',

  'input.label': 'Score sheets to verify',
  'input.files': 'Workbook files picked or dropped',
  'input.workbook': 'The score sheets in this workbook',
  'input.pick': 'Choose .xlsx files',
  'input.drop': 'Drop .xlsx files here, or choose them with the button above (several at once)',
  'input.chosen': '{count} file(s) chosen:',
  'input.clear': 'Clear the chosen files',
  'input.none': 'Choose or drop the .xlsx files to verify first.',
  'input.notXlsx': '{count} file(s) that are not .xlsx were left out.',

  'run.start': 'Verify and compile',
  'run.cancel': 'Cancel',
  'progress.label': 'Progress',
  'progress.starting': 'Starting…',
  'progress.read': 'Reading files: {done}/{total}',
  'progress.verified': 'Verifying signatures and seals: {done}/{total}',
  'progress.writing': 'Writing the summary sheets…',
  'progress.written': 'Done',
  'phase.read': '1 Read files',
  'phase.verified': '2 Verify',
  'phase.written': '3 Write the summary',
  'list.separator': ', ',

  'done.title': 'Compiled',
  'done.body': 'Sheets written: {sheets}.',
  'done.replaced': 'The previous summary sheets were replaced.',
  cancelled: 'Cancelled; the workbook was not changed.',

  'results.files': 'Verification per file',
  'results.counts': '{errors} error(s), {warnings} warning(s)',
  'results.clean': 'No findings',
  'results.unit': '{name} ({id})',
  'results.finding': '{severity}{cell}: {message}',
  'results.cell': ' {cell}',
  'results.ranking': 'Ranking ({category})',
  'results.noRanking': 'No sheet passed verification; there is no ranking.',
  'status.verified': 'verified',
  'status.failed': 'failed verification, not ranked',
  'status.duplicate': 'the same unit is in more than one sheet: none is ranked',
  'status.names-only': 'names only (not verified by key): ranked, never "verified"',
  'status.missing': 'not received',
  'results.seal': 'sealed by {sealer} on {when} (UTC+8), seal code {code}; envelope register: {register}',
  'register.matched': 'matched',
  'register.not-registered': 'this code is not registered',
  'register.unsealed': 'marked unsealed',
  'register.no-register': 'not checked (no 封袋登记 sheet)',
  'register.not-sealed': 'not sealed',
  'status.unreadable': 'cannot be read',
  'status.noScoreSheet': 'holds no score sheet',
  'col.rank': 'Rank',
  'col.unit': 'Unit',
  'col.total': 'Total',
  'col.grade': 'Grade',
  'severity.error': 'Error',
  'severity.warning': 'Warning',

  'read.NOT_FOUND': 'The file does not exist.',
  'read.UNREADABLE': 'The file cannot be read.',
  'read.NOT_XLSX': 'Not an .xlsx workbook (save it as Excel Workbook (.xlsx) in Excel).',
  'read.ENCRYPTED': 'The workbook has a password to open. Remove it in Excel, save, and try again.',
  'read.CORRUPT': 'The file is damaged or incomplete; use the original file.',
  'read.TOO_LARGE': 'The file is too large to be a score sheet.',
  'read.WRITE_FAILED': 'The file cannot be read.',
  'read.UNEXPECTED': 'An unexpected error occurred while reading.',

  'error.title': 'Not compiled',
  'error.STRUCTURE_PROTECTED':
    'The structure of this workbook is protected (it holds sealed score sheets), so no summary sheets can be added. Create a blank workbook, open ScoreSeal there, and compile the units’ score sheet files.',
  'error.NAME_TAKEN':
    'This workbook already has a sheet named "{sheet}" that is not a ScoreSeal summary. Nothing was written, so that it is not overwritten; rename it and try again.',
  'error.NO_FILES': 'Choose or drop the .xlsx files to verify first.',
  'error.NO_SCORE_SHEETS': 'There is no score sheet in what was chosen; nothing was written.',
  'error.READER_FAILED': 'The file reader could not be started (the network may be down). Reload the add-in and try again.',
  'error.REGISTER_INVALID':
    "A row of this workbook's 封袋登记 (envelope register) sheet cannot be read (a seal code has 16 hex digits; the status is 有效 or 已拆封). Correct it, then compile.",
  'error.planFile': 'The chosen plan file cannot be read.',
  'error.InvalidOperationInCellEditMode': 'Excel is editing a cell. Press Enter or Esc to finish, then try again.',
  'error.ItemNotFound': 'A sheet that is needed cannot be found; it may have been renamed or deleted.',
  'error.ItemAlreadyExists': 'A sheet of that name already exists.',
  'error.AccessDenied': 'A sheet or the workbook is protected; the summary cannot be written.',
  'error.RequestPayloadSizeLimitExceeded': 'Too much data to write to Excel at once; compile fewer files at a time.',
  'error.ResponsePayloadSizeLimitExceeded': 'Too much data to read from Excel at once (Excel on the web: about 5 MB).',
  'error.InvalidArgument': 'Excel refused the operation (invalid argument).',
  'error.ApiNotFound': 'This version of Excel lacks a feature that is needed; update Excel.',
  'error.GeneralException': 'Excel reported an error; try again later.',
  'error.unexpected': 'ScoreSeal hit an internal error. Try again; if it happens again, contact the Office.',
  'common.dismiss': 'Dismiss',
};

export const COMPILE_CATALOGS: Readonly<Record<Locale, CompileCatalog>> = { 'zh-CN': zh, 'en-US': en };

/** Formats message `id` in `locale` with `params`; unknown placeholders stay visible. */
export function t(
  locale: Locale,
  id: CompileMessageId,
  params: Params = {},
  catalogs: Readonly<Record<Locale, CompileCatalog>> = COMPILE_CATALOGS,
): string {
  return catalogs[locale][id].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}
