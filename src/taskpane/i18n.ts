/**
 * The task pane's own message catalogs (zh-CN default, en-US), in the core catalog's style:
 * keyed by id, `{name}` placeholders, `t(locale, id, params)`. Texts that come from the core
 * (findings, refusal reasons) are in the plan's locale and are shown as data.
 *
 * Every visible string of the pane comes from here: the pseudo-locale test renders every view
 * with a catalog whose strings are wrapped in ⟦…⟧ and fails on any text outside them.
 */
import type { Locale, Params } from '../core/i18n/catalog';

export type { Locale, Params };

const zh = {
  'app.title': 'ScoreSeal 考核评分',
  'app.languageSwitch': 'English',
  'app.languageSwitchLabel': '切换界面语言',
  'app.tabs': '功能',

  'tab.validate': '核查',
  'tab.sign': '签字',
  'tab.enrol': '登记',
  'tab.oversight': '监审',
  'tab.office': '办公室',

  'common.refresh': '刷新',
  'common.reading': '正在读取…',
  'common.working': '正在处理…',
  'common.dismiss': '关闭',
  'common.sheet': '工作表：{sheet}',
  'common.unit': '单位：{unit}（{id}）',
  'common.notScoreSheet': '当前工作表不是可读的考核表：{detail}',
  'common.choose': '请选择…',
  'common.refused': '未能完成',

  'stage.filling': '填写中',
  'stage.signed': '已双签',
  'stage.sampled': '已抽样',
  'stage.sealed': '已密封',
  'stage.unsealed': '已启封',
  'stage.label': '阶段：{stage}',

  'error.title': '操作未完成',
  'error.InvalidOperationInCellEditMode': 'Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。',
  'error.ItemNotFound': '找不到所需的工作表或单元格，可能已被重命名、删除或隐藏。',
  'error.ItemAlreadyExists': '已有同名的工作表。',
  'error.AccessDenied': '工作表或工作簿受保护（可能已密封），无法写入。',
  'error.RequestPayloadSizeLimitExceeded': '一次要写入 Excel 的数据过多，请分批操作。',
  'error.ResponsePayloadSizeLimitExceeded': '要从 Excel 读取的数据过多（网页版 Excel 单次约 5 MB 上限）。',
  'error.InvalidArgument': 'Excel 拒绝了这次操作（参数无效）。',
  'error.ApiNotFound': '此版本的 Excel 不支持所需功能，请更新 Excel。',
  'error.GeneralException': 'Excel 报告了一个错误，请稍后重试。',
  'error.unexpected': 'ScoreSeal 出现内部错误，请重试；如仍出现，请联系办公室。',

  'unsupported.title': 'ScoreSeal 无法在此运行',
  'unsupported.noOffice': '未能加载 Office。请在 Excel 中通过“开始”选项卡上的“考核评分”按钮打开本加载项。',
  'unsupported.notExcel': 'ScoreSeal 只能在 Excel 中使用。',
  'unsupported.oldExcel':
    '此版本的 Excel 过旧（需要 ExcelApi 1.7）。请使用 Microsoft 365 版 Excel、Excel 2021 或更新版本、Mac 版 Excel 或网页版 Excel。',

  'validate.sheets': '工作簿中的考核表',
  'validate.noSheets': '工作簿中没有考核表。办公室可在“办公室”页生成。',
  'validate.runActive': '核查当前工作表',
  'validate.runNamed': '核查 {sheet}',
  'validate.planSource': '按表内嵌入的考核方案核查；办公室汇总时以其可信方案为准。',
  'validate.counts': '{errors} 个错误，{warnings} 个提示',
  'validate.clean': '未发现问题。',
  'validate.wholeSheet': '整表',
  'validate.severity.error': '错误',
  'validate.severity.warning': '提示',
  'validate.goto': '定位到 {cell}',
  'validate.statusWritten': '已按签字记录更新“签字状态”等列。',
  'validate.statusUnchanged': '“签字状态”等列已是最新。',
  'validate.statusSkipped': '本表已密封或已启封，未改动任何单元格。',

  'person.me': '我是',
  'person.none': '考核方案中没有可选的人员。',

  'unlock.passphrase': '口令',
  'unlock.submit': '解锁',
  'unlock.hint': '口令只在本窗格的内存中使用；锁定或闲置 15 分钟后即被清除。',
  'unlock.deriving': '正在由口令生成密钥…',
  'unlock.empty': '请输入口令。',
  'unlock.wrong': '口令与考核方案中登记的公钥不符。',
  'unlock.noKey': '考核方案中没有 {person} 的公钥：请先在“登记”页生成公钥并交给办公室。',
  'session.active': '已解锁：{person}',
  'session.lock': '锁定',
  'session.locked': '已锁定，密钥已从内存清除。',
  'session.idleLocked': '闲置 15 分钟，已自动锁定，密钥已从内存清除。',
  'session.nameOnly': '本方案为“仅姓名”签字模式，无需口令（签字未经密钥验证）。',

  'sign.role': '签字身份',
  'role.scorer': '考核人',
  'role.reviewer': '复查人',
  'sign.scope': '签字范围',
  'sign.scope.selection': '选中的行',
  'sign.scope.block': '整块',
  'sign.scope.all': '我负责的全部项目',
  'sign.block': '考核块',
  'sign.submit': '签字',
  'sign.done': '已以{role}身份签字 {count} 项：{items}',
  'sign.selectionElsewhere': '选中的单元格不在“{sheet}”上。请回到该表，选中要签字的行后重试。',
  'sign.noBlock': '请选择考核块。',

  'enrol.intro': '生成你的签字公钥：选择本人，输入两次口令。把公钥交给办公室登记；口令不会被保存。',
  'enrol.passphrase': '口令（至少 10 个字符，不能全是数字）',
  'enrol.repeat': '再次输入口令',
  'enrol.submit': '生成公钥',
  'enrol.tooShort': '口令太短：至少 10 个字符。',
  'enrol.allDigits': '口令不能全是数字。',
  'enrol.mismatch': '两次输入的口令不一致。',
  'enrol.publicKey': '公钥',
  'enrol.fingerprint': '指纹',
  'enrol.copy': '复制公钥',
  'enrol.copied': '已复制到剪贴板。',
  'enrol.copyFailed': '无法访问剪贴板，请手动选中公钥复制。',
  'enrol.next': '请把公钥交给办公室，填入设置工作簿“人员”表的“公钥”列；核对时以指纹为准。',
  'enrol.matches': '与考核方案中登记的公钥一致。',
  'enrol.differs': '与考核方案中登记的公钥不同：办公室需要更新登记。',
  'enrol.noRoster': '未找到人员名单：请打开含“人员”表的设置工作簿，或选中一张考核表后刷新。',
  'enrol.setupInvalid': '设置表有 {count} 处问题，请在“办公室”页查看。',
  'enrol.sourceSetup': '人员名单来自设置表：{title}',
  'enrol.sourceSheet': '人员名单来自考核表“{sheet}”：{title}',

  'oversight.progress': '进度',
  'oversight.signed': '双签完成：{done}/{total}',
  'oversight.sampled': '抽取复核：{count} 项',
  'oversight.rechecked': '已复核：{done}/{total}',
  'oversight.draw': '抽取复核项目',
  'oversight.drawn': '已抽取 {count} 项：{items}',
  'oversight.sample': '复核项目',
  'recheck.result': '复核结果',
  'recheck.confirmed': '确认原分',
  'recheck.adjusted': '调整分数',
  'recheck.score': '复核分',
  'recheck.note': '复核意见',
  'recheck.submit': '保存复核',
  'recheck.saved': '已保存 {item} 的复核结果。',
  'recheck.original': '原得分：{score}',
  'recheck.current': '已记录：{result}',
  'seal.title': '密封',
  'seal.password': '工作表保护密码',
  'seal.passwordHint': '密封后工作表和工作簿结构受此密码保护；办公室启封时需要。',
  'seal.passwordMissing': '请设置保护密码。',
  'seal.submit': '密封',
  'seal.code': '密封码',
  'seal.done': '已密封。请把密封码抄在信封上。',

  'office.intro': '由本工作簿中的“设置”“细则设置”“细则”“人员”“单位”表生成各单位的考核表。',
  'office.read': '读取设置表',
  'office.invalid': '设置表有 {count} 处问题：',
  'office.planOk': '{title}：{units} 个单位，{people} 名人员',
  'office.units': '要生成考核表的单位',
  'office.selectAll': '全选',
  'office.generate': '生成考核表',
  'office.generated': '已生成：{sheet}',
  'office.failed': '{unit} 未生成：{error}',
  'office.noValidation': '此版本的 Excel 不支持数据验证（ExcelApi 1.8）：生成的表没有输入限制与提示，核查仍会发现错误。',
  'office.noPageLayout': '此版本的 Excel 不支持打印设置（ExcelApi 1.9）：请手动设为 A4 横向并重复标题行。',
  'register.title': '封袋登记',
  'register.intro': '密封的考核表送到时，把纸质封袋上的密封码登记在此（写入本工作簿的“封袋登记”表）。汇总时逐一核对：密封码不是该单位有效登记码的表不予认可。',
  'register.unit': '单位',
  'register.code': '封袋上的密封码',
  'register.codeHint': '16 位，如 ABCD-1234-EF56-7890；大小写、空格和短横线均可',
  'register.received': '收件日期',
  'register.submit': '登记',
  'register.added': '已登记 {unit} 的密封码 {code}（第 {row} 行）',
  'register.second': '注意：{unit} 已登记有效密封码 {codes}。如旧封袋已作废，请把旧行的状态改为“已拆封”。',
  'register.invalid': '“封袋登记”表第 {row} 行无法读取，请先更正',
  'register.refused.code': '“{code}”不是密封码：应为 16 位十六进制数字，如 ABCD-1234-EF56-7890',
  'register.refused.unit': '考核方案中没有单位 {unit}',
  'register.refused.known': '{unit} 的这个密封码已经登记过',
} as const;

export type UiMessageId = keyof typeof zh;
export type UiCatalog = Readonly<Record<UiMessageId, string>>;

const en: UiCatalog = {
  'app.title': 'ScoreSeal',
  'app.languageSwitch': '中文',
  'app.languageSwitchLabel': 'Switch the pane language',
  'app.tabs': 'Views',

  'tab.validate': 'Validate',
  'tab.sign': 'Sign',
  'tab.enrol': 'Enrol',
  'tab.oversight': 'Oversight',
  'tab.office': 'Office',

  'common.refresh': 'Refresh',
  'common.reading': 'Reading…',
  'common.working': 'Working…',
  'common.dismiss': 'Dismiss',
  'common.sheet': 'Sheet: {sheet}',
  'common.unit': 'Unit: {unit} ({id})',
  'common.notScoreSheet': 'The active sheet is not a readable score sheet: {detail}',
  'common.choose': 'Choose…',
  'common.refused': 'Not done',

  'stage.filling': 'filling in',
  'stage.signed': 'signed by both',
  'stage.sampled': 'sample drawn',
  'stage.sealed': 'sealed',
  'stage.unsealed': 'unsealed',
  'stage.label': 'Stage: {stage}',

  'error.title': 'The action did not complete',
  'error.InvalidOperationInCellEditMode': 'Excel is editing a cell. Press Enter or Esc to finish editing, then try again.',
  'error.ItemNotFound': 'A sheet or cell ScoreSeal needs was not found; it may have been renamed, deleted or hidden.',
  'error.ItemAlreadyExists': 'A sheet with that name already exists.',
  'error.AccessDenied': 'The sheet or workbook is protected (it may be sealed) and cannot be written.',
  'error.RequestPayloadSizeLimitExceeded': 'Too much data to write to Excel at once; do it in parts.',
  'error.ResponsePayloadSizeLimitExceeded': 'Too much data to read from Excel at once (Excel on the web allows about 5 MB).',
  'error.InvalidArgument': 'Excel refused the operation (invalid argument).',
  'error.ApiNotFound': 'This version of Excel lacks a feature ScoreSeal needs; update Excel.',
  'error.GeneralException': 'Excel reported an error; try again in a moment.',
  'error.unexpected': 'ScoreSeal hit an internal error. Try again; if it persists, tell the Office.',

  'unsupported.title': 'ScoreSeal cannot run here',
  'unsupported.noOffice': 'Office could not be loaded. Open the add-in in Excel, from the Score sheets button on the Home tab.',
  'unsupported.notExcel': 'ScoreSeal works in Excel only.',
  'unsupported.oldExcel':
    'This version of Excel is too old (ExcelApi 1.7 is needed). Use Excel for Microsoft 365, Excel 2021 or later, Excel for Mac, or Excel on the web.',

  'validate.sheets': 'Score sheets in this workbook',
  'validate.noSheets': 'This workbook has no score sheet. The Office can generate them in the Office view.',
  'validate.runActive': 'Validate the active sheet',
  'validate.runNamed': 'Validate {sheet}',
  'validate.planSource': "Checked against the plan embedded in the workbook; the Office's compile checks against its trusted plan.",
  'validate.counts': '{errors} errors, {warnings} warnings',
  'validate.clean': 'No problems found.',
  'validate.wholeSheet': 'Whole sheet',
  'validate.severity.error': 'Error',
  'validate.severity.warning': 'Warning',
  'validate.goto': 'Go to {cell}',
  'validate.statusWritten': 'The Status columns were updated from the signature records.',
  'validate.statusUnchanged': 'The Status columns are up to date.',
  'validate.statusSkipped': 'The sheet is sealed or unsealed; no cell was changed.',

  'person.me': 'I am',
  'person.none': 'The plan lists nobody to choose here.',

  'unlock.passphrase': 'Passphrase',
  'unlock.submit': 'Unlock',
  'unlock.hint': "The passphrase is used in this pane's memory only and forgotten when you lock or after 15 idle minutes.",
  'unlock.deriving': 'Deriving your key from the passphrase…',
  'unlock.empty': 'Type your passphrase.',
  'unlock.wrong': 'The passphrase does not match the public key registered in the plan.',
  'unlock.noKey': 'The plan has no public key for {person}: create one in the Enrol view and give it to the Office.',
  'session.active': 'Unlocked: {person}',
  'session.lock': 'Lock',
  'session.locked': 'Locked; the key has been cleared from memory.',
  'session.idleLocked': 'Locked after 15 idle minutes; the key has been cleared from memory.',
  'session.nameOnly': 'This plan signs by name only: no passphrase is needed (signatures are not proven by a key).',

  'sign.role': 'Sign as',
  'role.scorer': 'Scorer',
  'role.reviewer': 'Reviewer',
  'sign.scope': 'What to sign',
  'sign.scope.selection': 'The selected rows',
  'sign.scope.block': 'A whole block',
  'sign.scope.all': 'All my items',
  'sign.block': 'Block',
  'sign.submit': 'Sign',
  'sign.done': 'Signed {count} items as {role}: {items}',
  'sign.selectionElsewhere': 'The selection is not on "{sheet}". Go back to that sheet, select the rows to sign and try again.',
  'sign.noBlock': 'Choose a block.',

  'enrol.intro':
    'Create your signing key: choose yourself and type a passphrase twice. Give the public key to the Office; the passphrase is never stored.',
  'enrol.passphrase': 'Passphrase (at least 10 characters, not all digits)',
  'enrol.repeat': 'Passphrase again',
  'enrol.submit': 'Create public key',
  'enrol.tooShort': 'Passphrase too short: at least 10 characters.',
  'enrol.allDigits': 'The passphrase must not be all digits.',
  'enrol.mismatch': 'The two passphrases differ.',
  'enrol.publicKey': 'Public key',
  'enrol.fingerprint': 'Fingerprint',
  'enrol.copy': 'Copy public key',
  'enrol.copied': 'Copied to the clipboard.',
  'enrol.copyFailed': 'The clipboard is not available; select the key and copy it by hand.',
  'enrol.next': 'Give the public key to the Office for the Public key column of the People sheet; compare fingerprints when checking.',
  'enrol.matches': 'Matches the public key registered in the plan.',
  'enrol.differs': 'Differs from the public key registered in the plan: the Office must update it.',
  'enrol.noRoster': 'No list of people found: open the setup workbook (with its People sheet), or select a score sheet and refresh.',
  'enrol.setupInvalid': 'The setup sheets have {count} problems; see the Office view.',
  'enrol.sourceSetup': 'People from the setup sheets: {title}',
  'enrol.sourceSheet': 'People from the score sheet "{sheet}": {title}',

  'oversight.progress': 'Progress',
  'oversight.signed': 'Signed by both appraisers: {done}/{total}',
  'oversight.sampled': 'Drawn for re-check: {count}',
  'oversight.rechecked': 'Re-checked: {done}/{total}',
  'oversight.draw': 'Draw the re-check sample',
  'oversight.drawn': 'Drew {count} items: {items}',
  'oversight.sample': 'Items to re-check',
  'recheck.result': 'Re-check result',
  'recheck.confirmed': 'Confirm the score',
  'recheck.adjusted': 'Adjust the score',
  'recheck.score': 'Re-checked score',
  'recheck.note': 'Re-check note',
  'recheck.submit': 'Save re-check',
  'recheck.saved': 'Re-check of {item} saved.',
  'recheck.original': 'Score on the sheet: {score}',
  'recheck.current': 'Recorded: {result}',
  'seal.title': 'Seal',
  'seal.password': 'Sheet protection password',
  'seal.passwordHint':
    'After sealing, the sheet and the workbook structure are protected with this password; the Office needs it to unseal.',
  'seal.passwordMissing': 'Set a protection password.',
  'seal.submit': 'Seal',
  'seal.code': 'Seal code',
  'seal.done': 'Sealed. Copy the seal code onto the envelope.',

  'office.intro': 'Generate the score sheets of the units from the Settings, Rubrics, Items, People and Units sheets of this workbook.',
  'office.read': 'Read the setup sheets',
  'office.invalid': 'The setup sheets have {count} problems:',
  'office.planOk': '{title}: {units} units, {people} people',
  'office.units': 'Units to generate score sheets for',
  'office.selectAll': 'Select all',
  'office.generate': 'Generate score sheets',
  'office.generated': 'Generated: {sheet}',
  'office.failed': '{unit} was not generated: {error}',
  'office.noValidation':
    'This version of Excel has no data validation (ExcelApi 1.8): the sheets will lack input limits and prompts; validation still finds the errors.',
  'office.noPageLayout': 'This version of Excel has no print setup (ExcelApi 1.9): set A4 landscape and repeated title rows by hand.',
  'register.title': 'Envelope register',
  'register.intro': "When a sealed sheet arrives, enter the seal code written on its paper envelope here (it goes into this workbook's 封袋登记 sheet). Compile checks every sheet against it: a sheet whose code is not its unit's valid code is not accepted.",
  'register.unit': 'Unit',
  'register.code': 'Seal code on the envelope',
  'register.codeHint': '16 hex digits, e.g. ABCD-1234-EF56-7890; case, spaces and dashes do not matter',
  'register.received': 'Received on',
  'register.submit': 'Register',
  'register.added': 'Registered seal code {code} for {unit} (row {row})',
  'register.second': 'Note: {unit} already has the valid code {codes}. If that envelope is void, set its row to 已拆封 (unsealed).',
  'register.invalid': 'Row {row} of the 封袋登记 sheet cannot be read; correct it first',
  'register.refused.code': '"{code}" is not a seal code: it has 16 hex digits, e.g. ABCD-1234-EF56-7890',
  'register.refused.unit': 'The plan has no unit {unit}',
  'register.refused.known': 'This code is already registered for {unit}',
};

export const UI_CATALOGS: Readonly<Record<Locale, UiCatalog>> = { 'zh-CN': zh, 'en-US': en };

/** Fills `{name}` placeholders; unknown placeholders stay visible. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}

/** Formats message `id` of the pane's catalog in `locale`. */
export function t(locale: Locale, id: UiMessageId, params: Params = {}): string {
  return format(UI_CATALOGS[locale][id], params);
}

/** The pane's language from Office's display language: zh* → zh-CN, anything else → en-US; zh-CN when unknown. */
export function pickLocale(displayLanguage: string | null | undefined): Locale {
  if (!displayLanguage) return 'zh-CN';
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export type Translate = (id: UiMessageId, params?: Params) => string;

/** A translate function over one catalog (the pseudo-locale test passes its own). */
export function translator(catalog: UiCatalog): Translate {
  return (id, params = {}) => format(catalog[id], params);
}
