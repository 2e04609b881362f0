/**
 * Message catalogs, keyed by id, in zh-CN (default) and en-US. Placeholders are `{name}`.
 * Every text a person reads from the core — findings, refusals, plan and setup problems, sheet
 * and summary texts, the command line's lines — comes from here (the task pane's own labels
 * are in its catalog, src/taskpane/i18n.ts); pseudo-locale tests find strings that were never
 * put in a catalog.
 *
 * The domain holds messages, not text: a finding, a refusal or a plan problem is a
 * {@link Message} (an id and its parameters); a parameter may itself be a message or a list
 * joined by a separator of the catalog. The edges render them ({@link format}, and
 * `src/core/i18n/render.ts` for findings and refusals) in the plan's locale.
 */
import { PLAN_EN, PLAN_ZH } from './plan-texts';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

const CORE_ZH = {
  // findings
  PLAN_INVALID: '考核方案有误：{detail}',
  SHEET_LAYOUT: '表格结构有误：{detail}',
  RUBRIC_MISMATCH: '与考核细则不符：{detail}',
  SCORE_MISSING: '{item}“{name}”未填写得分',
  SCORE_NOT_NUMBER: '{item}“{name}”的得分“{value}”不是数字',
  SCORE_VETO_VALUE: '{item}“{name}”为一票否决项，得分只能填“是”或“否”，现为“{value}”',
  SCORE_DATE: '{item}“{name}”的得分单元格显示为日期或时间（格式 {format}，存的是 {value}），不是分数；请把单元格格式改为“常规”后填写分数',
  SCORE_NORMALISED: '{item}“{name}”的得分“{value}”含全角字符，已按“{normal}”读取，请改为半角数字',
  SCORE_OUT_OF_RANGE: '{item}“{name}”的得分 {value} 超出 0～{max} 分',
  SCORE_STEP: '{item}“{name}”的得分 {value} 不是 {step} 分的整数倍',
  COMPLETION_MISSING: '{item}“{name}”未填写完成情况',
  BASIS_MISSING: '{item}“{name}”未填写得分/扣分依据',
  VERIFIED_BY_MISSING: '{item}“{name}”未填写核实方式',
  VERIFIED_BY_UNKNOWN: '{item}“{name}”的核实方式“{value}”不在可选项（{allowed}）之内',
  MATERIALS_ONLY: '{item}“{name}”仅凭资料审核给分，请实地查看或多方核实',
  LENIENT_SHEET: '本表 {full}/{scored} 项（{share}）为满分，请警惕庸俗好人主义',
  SIGNER_MISSING: '{item}“{name}”缺少{role}签字',
  SIGNER_SAME_PERSON: '{item}“{name}”的考核人与复查人是同一人（{person}）',
  SIGNER_UNKNOWN: '{item}“{name}”的签字人 {person} 不在考核方案中或不是考核人员',
  SIGNER_NOT_IN_GROUP: '{item}“{name}”属于 {group} 组，{person} 未分在该组',
  SIGNER_RECUSED: '{person} 须回避 {unitName}，不得为其签字',
  SIGNATURE_INVALID: '{item}：{person} 的签字无法用考核方案中的公钥验证',
  'SIGNATURE_INVALID.embedded': '表内嵌入的 {person} 公钥与可信方案不一致，签字一律不予认可',
  SIGNATURE_UNVERIFIED: '本方案为“仅姓名”签字模式，{person} 的身份未经密钥验证',
  SIGNED_CONTENT_CHANGED: '{item}“{name}”在签字后被修改：{detail}',
  SAMPLE_MISSING: '尚未抽取复核项目',
  SAMPLE_INVALID: '复核抽样无效：{detail}',
  RECHECK_MISSING: '抽中的 {item}“{name}”尚无复核结果',
  RECHECK_INVALID: '{item} 的复核记录无效：{detail}',
  OVERSIGHT_NOT_ALLOWED: '{person} 不能以监审人员身份操作：{detail}',
  SEAL_MISSING: '本表尚未密封',
  SEAL_INVALID: '密封校验失败：{detail}',
  SEAL_BROKEN: '本表已由办公室 {person} 启封，原因：{reason}',
  QUOTA_EXCEEDED: '{category}“{grade}”等次 {count} 个，占 {share}，超过 {max} 的比例限制',

  // format 2: the log as a protocol, what the reader sees, the register
  LOG_ORDER: '_scoreseal 第 {row} 行：{detail}',
  DERIVED_CELL_CHANGED: '{detail}',
  UNIT_MISMATCH: '与考核方案中的单位不符：{detail}',
  SEAL_NOT_REGISTERED: '密封码 {code} 不是封袋登记（{source}）中本单位的有效密封码',
  'SEAL_NOT_REGISTERED.none': '未提供封袋登记：密封码未与纸质封袋核对',
  'SEAL_BROKEN.register': '密封码 {code} 在封袋登记（{source}）中已标为已拆封',
  SHEET_MISSING: '考核方案中的 {unitName}（{unit}）没有收到考核表',
  DUPLICATE_UNIT: '{unitName}（{unit}）出现在不止一张考核表中（{files}），均不参与排名，请办公室保留其中一份',
  'record.problem': '_scoreseal 第 {row} 行：{detail}',
  'detail.earlierFormat': '本表由早期版本生成，请重新生成考核表',
  'detail.logUnknownKind': '未知的记录类型“{kind}”',
  'detail.notOversight': '{person} 不是监审组成员',
  'detail.notUnitOversight': '{person} 不是考核方案为本单位指定的监审人员',
  'detail.signedItems': '{person} 在本表签过考核项目，不能再以监审身份操作',
  'detail.recordSignature': '{person} 的签字无法用考核方案中的公钥验证',
  'detail.sampleSignature': '{person} 的抽样签字无法用考核方案中的公钥验证',
  'detail.recheckSignature': '{person} 的复核签字无法用考核方案中的公钥验证',
  'detail.sealSignature': '{person} 的密封签字无法用考核方案中的公钥验证',
  'detail.unsealSignature': '{person} 的启封签字无法用考核方案中的公钥验证',
  'detail.signedValues': '{person} 的签字记录所存内容与签字摘要不符',
  'detail.sampleDraw': '抽样的证明、种子或抽中项目与可验证随机函数的结果不符',
  'detail.sampleContent': '抽样所依据的内容摘要与签字内容不符',
  'detail.contentChanged': '抽样之后表格内容被改动（内容摘要与抽样时不同）',
  'detail.recheckDigest': '{item} 的复核记录所依据的内容与抽样时不同',
  'detail.sealCodeRecord': '密封记录中的密封码 {code} 与摘要不符',
  'detail.unsealNotOffice': '{person} 不是办公室人员，启封无效',
  'detail.unsealNoReason': '启封未写明原因',
  'detail.totalShown': '{cell} 合计显示为 {found}，但得分相加为 {expected}（公式的缓存结果被改动）',
  'detail.sheetHidden': '考核表“{sheet}”被隐藏了：看到的可能是另一张表',
  'detail.conditionalNumberFormat': '{range} 设有改变数字格式的条件格式，显示的内容可能与所存数值不同',
  'detail.drawings': '表上有 {count} 处图形、文本框或图片，可能遮住单元格',
  'detail.embeddedRubric': '_scoreseal 中记录的考核细则被改动过，与可信方案的细则（指纹 {expected}）不符',
  'detail.sealNotStanding': '第 {row} 行的密封记录不再成立：它所覆盖的记录被改动或无效',
  'detail.signedBy': '{person} 于 {when} 以{role}身份签字之后',
  'detail.changedAfter': '{changes}（{after}）',
  'detail.fieldChange': '{field} {from} → {to}',
  'detail.headerMoved': '表头行应在第 {expected} 行，现在第 {found} 行（插入或删除了行）',
  'detail.columnsMoved': '表头各列的顺序与模板不同',
  'detail.outsideCell': '{cell} 在考核表范围之外，却有内容“{value}”',
  'detail.formulaInTable': '{cell} 是公式（{value}），考核表中不能有公式',
  'detail.derivedCell': '{cell} 由 ScoreSeal 根据记录填写，应为“{expected}”，现为“{found}”',
  'detail.hiddenColumn': '{column} 列被隐藏，考核表不能隐藏列',
  'detail.extraMerge': '{range} 被合并，考核表只合并模板中的标题行',
  'detail.moreCells': '另有 {count} 个单元格同样有误',
  'detail.templateCell': '{cell} 应为“{expected}”，现为“{found}”',
  'detail.labelCell': '{cell} 应为“{expected}”，现为“{found}”',
  'detail.mustBeEmpty': '{cell} 应为空，现为“{found}”',
  'detail.numberFormat': '{cell} 使用数字格式“{format}”，显示的内容可能与所存数值不同，请恢复为“常规”',
  'order.planLate': '考核方案记录只能位于记录开头',
  'order.timeInvalid': '时间“{time}”不是有效的时刻',
  'order.timeBackwards': '时间 {time} 早于第 {before} 行的记录',
  'order.timeOutsidePeriod': '时间 {time} 不在考核期 {from} 至 {to} 之内',
  'order.afterSeal': '密封之后又添加了“{kind}”记录（密封后只能由办公室启封）',
  'order.signatureAfterSample': '抽样之后又有签字（抽样后内容已冻结）',
  'order.secondSample': '本轮已抽样，又抽了一次',
  'order.sampleBeforeSigned': '抽样时还有 {count} 个项目未经考核人和复查人签字',
  'order.recheckBeforeSample': '抽样之前就有复核记录',
  'order.recheckNotSampled': '{item} 不在本轮抽样之内，却有复核记录',
  'order.sealBeforeSample': '未抽样就密封',
  'order.secondSeal': '本轮已密封，又密封了一次',
  'order.sealBeforeRechecks': '密封时 {items} 还没有复核结果',
  'order.unsealNotSealed': '启封记录之前本表并未密封',

  // details
  'detail.headerMissing': '找不到表头行（应含“编号”“考核项目”“得分”等列）',
  'detail.columnMissing': '缺少“{column}”列',
  'detail.logMissing': '缺少隐藏的 _scoreseal 工作表，请用 ScoreSeal 重新生成考核表',
  'detail.logCorrupt': '_scoreseal 第 {row} 行记录损坏：{reason}',
  'detail.logNotJson': '_scoreseal 第 {row} 行记录损坏：JSON',
  'detail.planRecordMissing': '_scoreseal 中没有考核方案记录',
  'detail.unitMissing': '表头未写明单位编号',
  'detail.unitUnknown': '单位编号“{unit}”不在考核方案中',
  'detail.rubricFingerprint': '细则指纹 {found} 与可信方案的 {expected} 不一致',
  'detail.itemMissing': '缺少 {item}“{name}”',
  'detail.itemExtra': '细则中没有编号为 {item} 的项目',
  'detail.itemDuplicate': '编号 {item} 出现了不止一次',
  'detail.itemOrder': '{item} 的位置与细则顺序不同',
  'detail.maxChanged': '{item} 的分值被改为 {found}，细则为 {expected}',
  'detail.nameChanged': '{item} 的项目名称与细则不同',
  'detail.hiddenRow': '第 {row} 行被隐藏，考核表不能隐藏行',
  'detail.sheetSeal': '密封后表格或记录被改动',
  'detail.recheckScore': '复核分 {value} 不符合细则',

  // refusals (sign, sample, recheck, seal, unseal)
  'refuse.personUnknown': '考核方案中没有编号为 {person} 的人员',
  'refuse.notAppraiser': '{person} 不是考核人员，不能签字',
  'refuse.notOversight': '{person} 不是监审组成员',
  'refuse.notOffice': '{person} 不是办公室人员，只有办公室可以启封',
  'refuse.noKey': '考核方案中没有 {person} 的公钥，请先登记（enrol）',
  'refuse.wrongKey': '口令与考核方案中登记的 {person} 公钥不符',
  'refuse.needKey': '需要 {person} 的口令才能签字',
  'refuse.sealed': '本表已密封，不能再修改',
  'refuse.sampled': '已抽取复核项目，考核人员不能再签字',
  'refuse.noItems': '没有可签的项目',
  'refuse.itemUnknown': '细则中没有编号为 {item} 的考核项目',
  'refuse.itemNotLeaf': '{item} 是分类行，不能签字',
  'refuse.itemErrors': '{item} 尚有错误，请先修正：{detail}',
  'refuse.notInGroup': '{item} 属于 {group} 组，{person} 未分在该组',
  'refuse.recused': '{person} 须回避本单位',
  'refuse.needScorerFirst': '{item} 需先由考核人签字，再由复查人签字',
  'refuse.samePerson': '{item} 的考核人与复查人不能是同一人',
  'refuse.otherSigner': '{item} 已由 {other} 以{role}身份签字且内容未变',
  'refuse.notAllSigned': '还有 {count} 个项目未经考核人和复查人签字，不能抽取复核项目',
  'refuse.sheetErrors': '本表尚有 {count} 个错误，请先处理',
  'refuse.sampleExists': '本表已抽取过复核项目，不能重复抽取',
  'refuse.noSample': '尚未抽取复核项目',
  'refuse.notSampled': '{item} 不在抽取的复核项目之内',
  'refuse.recheckScore': '复核分 {value} 不符合细则（0～{max}，步长 {step}）',
  'refuse.recheckNote': '调整分数时必须填写复核意见',
  'refuse.recheckMissing': '还有 {count} 个抽中项目没有复核结果',
  'refuse.notSealed': '本表未密封，无需启封',
  'refuse.reason': '启封必须写明原因',
  'refuse.notScoreSheet': '“{sheet}”不是可读的考核表',
  'refuse.itemIncomplete': '待填写',
  'refuse.passphrase.tooShort': '口令太短：至少 10 个字符',
  'refuse.passphrase.allDigits': '口令不能全是数字',
  'refuse.passphrase.common': '口令太容易猜到：常见密码、键盘顺序或常见词加数字，请换一句只有自己知道的话',
  'refuse.passphrase.personal': '口令由本人的姓名、拼音、编号或单位拼成，容易猜到，请换一句只有自己知道的话',

  // compile
  'compile.summary': '汇总',
  'compile.appraisers': '考核人员分析',
  'compile.findings': '问题清单',
  'compile.title': '{title} 汇总',
  'compile.unverified': '未通过核验的考核表（不参与排名）',
  'compile.quotaOk': '各等次比例均未超过限制',
  'compile.missing': '未收到考核表的单位',
  'col.sealer': '监审人',
  'col.sealedAt': '密封时间（北京时间）',
  'col.sealCode': '密封码',
  'col.register': '封袋登记',
  'value.namesOnly': '仅姓名（未经密钥验证）',
  'value.duplicate': '重复提交',
  'value.missing': '未收到',
  'register.matched': '相符',
  'register.not-registered': '未登记',
  'register.unsealed': '已拆封',
  'register.no-register': '未核对',
  'register.not-sealed': '未密封',
  'col.rank': '排名',
  'col.unitId': '单位编号',
  'col.unit': '单位',
  'col.category': '类别',
  'col.total': '总分',
  'col.grade': '等次',
  'col.veto': '一票否决',
  'col.adjusted': '复核调整',
  'col.status': '核验状态',
  'col.file': '文件',
  'col.person': '编号',
  'col.name': '姓名',
  'col.items': '评分项目数',
  'col.meanRatio': '平均得分率',
  'col.fullShare': '满分占比',
  'col.z': 'Z 分数',
  'col.flag': '提示',
  'col.item': '项目',
  'col.cell': '单元格',
  'col.severity': '级别',
  'col.code': '代码',
  'col.message': '说明',
  'value.yes': '是',
  'value.no': '否',
  'value.verified': '已核验',
  'value.failed': '未通过',
  'value.error': '错误',
  'value.warning': '提示',
  'value.lenient': '疑似宽松（弱信号，以复核偏差为准）',

  // compile: the appraiser analysis against the oversight's re-checks (考核人员分析)
  'bias.overall': '两种身份合计（以监审复核为参照）',
  'bias.asScorer': '作为考核人',
  'bias.asReviewer': '作为复查人',
  'bias.weak': '弱信号（仅供参考）',
  'col.rechecked': '复核项数',
  'col.recheckAdjusted': '其中调整',
  'col.meanPoints': '平均偏差（分）',
  'col.meanShare': '平均偏差（占满分）',
  'col.intervalLo': '{level}% 区间下限',
  'col.intervalHi': '{level}% 区间上限',
  'col.verdict': '判断',
  'col.setKind': '范围',
  'col.setName': '名称',
  'col.confirmed': '确认不变项数',
  'col.confirmedShare': '确认不变比例',
  'col.alpha': 'α（一致性）',
  'verdict.lenient': '偏宽松',
  'verdict.harsh': '偏严格',
  'verdict.consistent': '未见偏差',
  'verdict.too-few': '复核不足 {min} 项，不作判断',
  'value.group': '考核组',
  'value.rubric': '考核细则',
  'value.all': '全部',
  'value.allRechecked': '全部被复核项目',
  'compile.agreement': '考核组与考核细则：与监审复核的一致程度',
  'compile.legend': '说明',
  'compile.biasChart': '各考核人员平均偏差（原评分 − 复核分，占满分比例）',
  'legend.deviation':
    '偏差 = 考核人员签字的原评分 − 监审组复核分（复核确认则为 0）。正值：比监审组打得高（偏宽松）；负值：打得低（偏严格）。只统计密钥签字并通过核验的考核表。',
  'legend.share':
    '平均偏差（占满分）：每项偏差除以该项分值再平均，分值不同的项目可以相比；判断以此为据。平均偏差（分）为同样项目的原始分差。',
  'legend.interval':
    '{level}% 区间：平均偏差的 t 区间（平均值 ± t × 标准差 ÷ √项数）。整个区间在 0 以上判“偏宽松”，整个区间在 0 以下判“偏严格”，区间含 0 为“未见偏差”（证据不足，不等于没有偏差）。',
  'legend.min': '复核少于 {min} 项不作判断。项数越少区间越宽；复核项目为随机抽取，项目之间并不完全独立，区间只是近似。',
  'legend.roles':
    '两种身份合计：本人作为考核人或复查人签字、被复核的全部项目（每项计一次）。同一项目的考核人和复查人偏差相同，搭档的偏差也会计入本人。',
  'legend.alpha':
    'α：Krippendorff 一致性系数（区间尺度，按得分占满分计算），衡量考核人员与监审组评分的一致程度：1 为完全一致，0 为与随机无异；所有分值相同时无法计算（空白）。确认不变比例为复核确认原分的项目所占比例。',
  'legend.weak':
    '弱信号：满分占比和 Z 分数只看分数高低，分不清“打分宽松”与“单位确实优秀”，仅供参考（满分占比 ≥ {full}% 或 Z ≥ {z} 时提示）。',
  'legend.caution': '以监审组复核为参照。同时评价多人时，约有 5% 没有偏差的人也可能被判偏宽松或偏严格：判断是进一步核查的理由，不是结论。',
  'cli.appraisers': '考核人员：以监审复核为参照的偏差（原评分 − 复核分，按占满分比例；{level}% t 区间；复核不足 {min} 项不作判断）',
  'cli.bias': '复核 {count} 项（调整 {adjusted} 项），平均偏差 {mean}{interval}，{verdict}',
  'cli.noRechecks': '无复核',
  'cli.roles': '作为考核人：{scorer}；作为复查人：{reviewer}',
  'cli.weak': '弱信号：评分 {items} 项，平均得分率 {mean}，满分占比 {full}，Z = {z}，复核调整 {adjusted} 项',
  'cli.weakNone': '弱信号：未作为考核人评分',
  'cli.agreement': '与监审复核的一致程度（Krippendorff α，区间尺度，按得分占满分）',
  'cli.agreementLine': '{label}：{count} 项，确认不变 {confirmed} 项（{share}），α {alpha}；{bias}',
  'cli.alphaNone': '无法计算',

  // command line (scoreseal): status words and report lines
  'cli.noErrors': '无错误',
  'cli.errors': '{count} 个错误',
  'cli.warnings': '{count} 个提示',
  'cli.fileItself': '（文件本身）',
  'cli.sealedBy': '{name}（{person}）于 {when}（北京时间）密封，密封码 {code}，封袋登记：{register}',
  'cli.round': '第 {round} 轮：{sealed}{person} 启封，原因：{reason}',
  'cli.roundSealed': '曾密封 {code}，',
  'cli.awaitSignatures': '{items} 个项目待签字：{list}',
  'cli.adjusted': '复核调整 {count} 项',
  'cli.veto': '（一票否决）',
  'cli.sealedShort': '{name} 于 {when} 密封 {code}（封袋登记：{register}）',
  'cli.reading': '正在读取 {done}/{total} …',
  'stage.filling': '填写中',
  'stage.signed': '已签字',
  'stage.sampled': '已抽样',
  'stage.sealed': '已密封',
  'stage.unsealed': '已启封',

  // statuses (签字状态)
  'status.empty': '待填写',
  'status.needScorer': '待考核人签字',
  'status.needReviewer': '待复查人签字',
  'status.signed': '已签字',
  'status.stale': '签后被修改',
  'recheck.confirmed': '确认',
  'recheck.adjusted': '调整为 {score}',
  'recheck.sampled': '待复核',
  'seal.none': '未密封',
  'seal.sealed': '已密封 {when}',
  'seal.broken': '已启封',
  'role.scorer': '考核人',
  'role.reviewer': '复查人',

  // people in messages; lists (the separators between their items)
  'person.withDept': '{name}（{dept}）',
  'person.label': '{name} ({id})',
  'sep.and': '和',
  'sep.comma': '，',
  'sep.semicolon': '；',

  // the score sheet's column titles (written by the template, read in either language)
  'column.code': '编号',
  'column.item': '考核项目',
  'column.criteria': '考核内容及评分标准',
  'column.max': '分值',
  'column.score': '得分',
  'column.completion': '完成情况',
  'column.basis': '得分/扣分依据',
  'column.verifiedBy': '核实方式',
  'column.scorer': '考核人',
  'column.reviewer': '复查人',
  'column.status': '签字状态',
  'column.recheck': '复核结果',
  'column.recheckNote': '复核意见',

  // sheet
  'sheet.titleSuffix': '考核评分表',
  'sheet.total': '合计',
  'sheet.confidential': '内部资料 注意保密',
  'sheet.oversight': '监审人',
  'sheet.sealStatus': '密封状态',
  'sheet.sealCode': '密封码',
  'sheet.section': '（小计）',
  'sheet.vetoHint': '填“是”或“否”',
  'sheet.decimalError': '请输入 {min} 到 {max} 之间的数值',
  'sheet.listError': '请从下拉列表中选择：{values}',
  'sheet.listSoft': '建议从列表中选择（{values}），多种方式用“、”分隔',
  'sheet.footer': '第 &P 页，共 &N 页',
} as const;

type CoreId = keyof typeof CORE_ZH;

const CORE_EN: Record<CoreId, string> = {
  PLAN_INVALID: 'The assessment plan is invalid: {detail}',
  SHEET_LAYOUT: 'The sheet layout is broken: {detail}',
  RUBRIC_MISMATCH: 'The sheet does not match the rubric: {detail}',
  SCORE_MISSING: '{item} "{name}" has no score',
  SCORE_NOT_NUMBER: '{item} "{name}": the score "{value}" is not a number',
  SCORE_VETO_VALUE: '{item} "{name}" is a veto item: its score must be 是 (yes) or 否 (no), not "{value}"',
  SCORE_DATE:
    '{item} "{name}": the score cell shows a date or time (format {format}, stored {value}), not a score; set the cell format to General and type the score',
  SCORE_NORMALISED:
    '{item} "{name}": the score "{value}" has full-width characters; read as "{normal}" — please retype it with ASCII digits',
  SCORE_OUT_OF_RANGE: '{item} "{name}": the score {value} is outside 0–{max}',
  SCORE_STEP: '{item} "{name}": the score {value} is not a multiple of {step}',
  COMPLETION_MISSING: '{item} "{name}" has no completion record',
  BASIS_MISSING: '{item} "{name}" has no basis for its score',
  VERIFIED_BY_MISSING: '{item} "{name}" does not say how it was verified',
  VERIFIED_BY_UNKNOWN: '{item} "{name}": verification method "{value}" is not one of {allowed}',
  MATERIALS_ONLY: '{item} "{name}" was verified from materials alone; check on site or from several sources',
  LENIENT_SHEET: '{full} of {scored} items ({share}) are at full marks: beware of lenient scoring',
  SIGNER_MISSING: '{item} "{name}" lacks the {role} signature(s)',
  SIGNER_SAME_PERSON: '{item} "{name}": scorer and reviewer are the same person ({person})',
  SIGNER_UNKNOWN: '{item} "{name}": signer {person} is not an appraiser in the plan',
  SIGNER_NOT_IN_GROUP: '{item} "{name}" belongs to group {group}; {person} is not assigned to it',
  SIGNER_RECUSED: '{person} is recused from {unitName} and must not sign for it',
  SIGNATURE_INVALID: "{item}: {person}'s signature does not verify with the plan's key",
  'SIGNATURE_INVALID.embedded':
    "The key of {person} embedded in the workbook differs from the trusted plan's; its signatures are not accepted",
  SIGNATURE_UNVERIFIED: "This plan signs by name only: {person}'s identity is not proven by a key",
  SIGNED_CONTENT_CHANGED: '{item} "{name}" was changed after signing: {detail}',
  SAMPLE_MISSING: 'The re-check sample has not been drawn',
  SAMPLE_INVALID: 'The re-check sample is invalid: {detail}',
  RECHECK_MISSING: 'Sampled item {item} "{name}" has no re-check result',
  RECHECK_INVALID: 'The re-check of {item} is invalid: {detail}',
  OVERSIGHT_NOT_ALLOWED: '{person} may not act as oversight: {detail}',
  SEAL_MISSING: 'The sheet is not sealed',
  SEAL_INVALID: 'The seal does not verify: {detail}',
  SEAL_BROKEN: 'Unsealed by the Office ({person}); reason: {reason}',
  QUOTA_EXCEEDED: '{category}: {count} units ({share}) graded "{grade}", above the {max} quota',

  LOG_ORDER: '_scoreseal row {row}: {detail}',
  DERIVED_CELL_CHANGED: '{detail}',
  UNIT_MISMATCH: "The sheet does not match the plan's unit: {detail}",
  SEAL_NOT_REGISTERED: "The seal code {code} is not this unit's valid code in the envelope register ({source})",
  'SEAL_NOT_REGISTERED.none': 'No envelope register given: seal codes were not checked against the paper envelopes',
  'SEAL_BROKEN.register': 'The seal code {code} is marked unsealed in the envelope register ({source})',
  SHEET_MISSING: '{unitName} ({unit}) of the plan: no score sheet received',
  DUPLICATE_UNIT: '{unitName} ({unit}) appears in more than one sheet ({files}); none is ranked until the Office keeps one',
  'record.problem': '_scoreseal row {row}: {detail}',
  'detail.earlierFormat': 'made by an earlier version; generate the sheet again',
  'detail.logUnknownKind': 'unknown record kind "{kind}"',
  'detail.notOversight': '{person} is not a member of the oversight group',
  'detail.notUnitOversight': '{person} is not one of the oversight members the plan names for this unit',
  'detail.signedItems': '{person} signed items on this sheet and may not act as oversight',
  'detail.recordSignature': "{person}'s signature does not verify with the key in the plan",
  'detail.sampleSignature': "{person}'s signature on the sample does not verify with the key in the plan",
  'detail.recheckSignature': "{person}'s signature on the re-check does not verify with the key in the plan",
  'detail.sealSignature': "{person}'s signature on the seal does not verify with the key in the plan",
  'detail.unsealSignature': "{person}'s signature on the unseal does not verify with the key in the plan",
  'detail.signedValues': "the values stored in {person}'s signature record do not give its digests",
  'detail.sampleDraw': "the sample's proof, seed or items are not the verifiable random function's",
  'detail.sampleContent': 'the sample was drawn over content that is not the signed content',
  'detail.contentChanged': 'the sheet changed after the sample was drawn (its content digest differs)',
  'detail.recheckDigest': 'the re-check of {item} was made on other content than the sample froze',
  'detail.sealCodeRecord': "the seal record's code {code} does not match its digest",
  'detail.unsealNotOffice': '{person} is not Office staff: the unseal does not count',
  'detail.unsealNoReason': 'the unseal gives no reason',
  'detail.totalShown': "{cell}: the total shows {found}, but the scores add up to {expected} (the formula's cached result was changed)",
  'detail.sheetHidden': 'the score sheet "{sheet}" is hidden: what is shown may be another sheet',
  'detail.conditionalNumberFormat':
    '{range} has a conditional format that changes the number format: it can show another value than the one stored',
  'detail.drawings': 'the sheet holds {count} drawing(s), text box(es) or picture(s), which can cover cells',
  'detail.embeddedRubric': "the rubric recorded in _scoreseal was edited: it is not the trusted plan's rubric (fingerprint {expected})",
  'detail.sealNotStanding': 'the seal record in row {row} no longer stands: records it covers were changed or do not verify',
  'detail.signedBy': 'after {person} signed as {role} on {when}',
  'detail.changedAfter': '{changes}, {after}',
  'detail.fieldChange': '{field} {from} → {to}',
  'detail.headerMoved': 'the header row should be row {expected}, not row {found} (rows were inserted or deleted)',
  'detail.columnsMoved': "the columns are not in the template's order",
  'detail.outsideCell': '{cell} lies outside the score sheet but holds "{value}"',
  'detail.formulaInTable': '{cell} holds a formula ({value}); a score sheet holds no formulas',
  'detail.derivedCell': '{cell} is written by ScoreSeal from the log and should read "{expected}", not "{found}"',
  'detail.hiddenColumn': 'column {column} is hidden; a score sheet hides no columns',
  'detail.extraMerge': "{range} is merged; a score sheet merges only the template's title rows",
  'detail.moreCells': '{count} more cells like this',
  'detail.templateCell': '{cell} should read "{expected}", not "{found}"',
  'detail.labelCell': '{cell} should read "{expected}", not "{found}"',
  'detail.mustBeEmpty': '{cell} should be empty, not "{found}"',
  'detail.numberFormat':
    '{cell} is shown through the number format "{format}", which can show another value than the one stored; set it back to General',
  'order.planLate': 'a plan record may only stand at the start of the log',
  'order.timeInvalid': 'the time "{time}" is not a real instant',
  'order.timeBackwards': 'the time {time} is earlier than the record in row {before}',
  'order.timeOutsidePeriod': 'the time {time} is outside the assessment period {from} – {to}',
  'order.afterSeal': 'a "{kind}" record after the seal (after sealing only the Office may unseal)',
  'order.signatureAfterSample': 'a signature after the sample was drawn (the draw froze the content)',
  'order.secondSample': 'a second sample in the same round',
  'order.sampleBeforeSigned': 'the sample was drawn while {count} items were not signed by both appraisers',
  'order.recheckBeforeSample': 'a re-check before the sample was drawn',
  'order.recheckNotSampled': 'a re-check of {item}, which this round did not draw',
  'order.sealBeforeSample': 'a seal before any sample',
  'order.secondSeal': 'a second seal in the same round',
  'order.sealBeforeRechecks': 'sealed while {items} had no re-check',
  'order.unsealNotSealed': 'an unseal of a sheet that was not sealed',

  'detail.headerMissing': 'no header row found (it needs columns such as 编号 / Code, 得分 / Score)',
  'detail.columnMissing': 'the column "{column}" is missing',
  'detail.logMissing': 'the hidden _scoreseal sheet is missing; generate the score sheet again with ScoreSeal',
  'detail.logCorrupt': '_scoreseal row {row} is corrupt: {reason}',
  'detail.logNotJson': '_scoreseal row {row} is corrupt: JSON',
  'detail.planRecordMissing': 'there is no plan record in _scoreseal',
  'detail.unitMissing': 'the unit id is missing above the table',
  'detail.unitUnknown': 'unit "{unit}" is not in the plan',
  'detail.rubricFingerprint': 'rubric fingerprint {found} differs from the trusted plan ({expected})',
  'detail.itemMissing': '{item} "{name}" is missing',
  'detail.itemExtra': 'the rubric has no item {item}',
  'detail.itemDuplicate': 'code {item} appears more than once',
  'detail.itemOrder': '{item} is out of rubric order',
  'detail.maxChanged': '{item}: max changed to {found}; the rubric says {expected}',
  'detail.nameChanged': '{item}: the item name differs from the rubric',
  'detail.hiddenRow': 'row {row} is hidden; score sheets must not hide rows',
  'detail.sheetSeal': 'the sheet or its log changed after sealing',
  'detail.recheckScore': 'the re-check score {value} breaks the rubric',

  'refuse.personUnknown': 'There is no person {person} in the plan',
  'refuse.notAppraiser': '{person} is not an appraiser and may not sign items',
  'refuse.notOversight': '{person} is not an oversight member',
  'refuse.notOffice': '{person} is not Office staff; only the Office may unseal',
  'refuse.noKey': 'The plan has no public key for {person}; enrol first',
  'refuse.wrongKey': "The passphrase does not match {person}'s key in the plan",
  'refuse.needKey': "{person}'s passphrase is needed to sign",
  'refuse.sealed': 'The sheet is sealed and cannot be changed',
  'refuse.sampled': 'The re-check sample has been drawn; appraisers can no longer sign',
  'refuse.noItems': 'There is nothing to sign',
  'refuse.itemUnknown': 'The rubric has no item {item}',
  'refuse.itemNotLeaf': '{item} is a section row and cannot be signed',
  'refuse.itemErrors': '{item} still has errors; fix them first: {detail}',
  'refuse.notInGroup': '{item} belongs to group {group}; {person} is not assigned to it',
  'refuse.recused': '{person} is recused from this unit',
  'refuse.needScorerFirst': '{item} must be signed by the scorer before the reviewer',
  'refuse.samePerson': '{item}: the scorer and the reviewer must be different people',
  'refuse.otherSigner': '{item} is already signed by {other} as {role} and unchanged since',
  'refuse.notAllSigned': '{count} items are not yet signed by both appraisers; the sample cannot be drawn',
  'refuse.sheetErrors': 'The sheet still has {count} errors; resolve them first',
  'refuse.sampleExists': 'The sample has already been drawn; a second draw is refused',
  'refuse.noSample': 'The re-check sample has not been drawn',
  'refuse.notSampled': '{item} is not in the re-check sample',
  'refuse.recheckScore': 'The re-check score {value} breaks the rubric (0–{max}, step {step})',
  'refuse.recheckNote': 'An adjusted score needs a re-check note',
  'refuse.recheckMissing': '{count} sampled items have no re-check result',
  'refuse.notSealed': 'The sheet is not sealed',
  'refuse.reason': 'Unsealing needs a reason',
  'refuse.notScoreSheet': '"{sheet}" is not a readable score sheet',
  'refuse.itemIncomplete': 'To fill',
  'refuse.passphrase.tooShort': 'Passphrase too short: at least 10 characters',
  'refuse.passphrase.allDigits': 'The passphrase must not be all digits',
  'refuse.passphrase.common':
    'Passphrase too easy to guess: a common password, a keyboard walk or a common word with digits; choose a sentence only you know',
  'refuse.passphrase.personal':
    "Passphrase built from the person's own name (or its pinyin), id or department; choose a sentence only you know",

  'compile.summary': 'Summary',
  'compile.appraisers': 'Appraisers',
  'compile.findings': 'Findings',
  'compile.title': '{title} — summary',
  'compile.unverified': 'Sheets that failed verification (not ranked)',
  'compile.quotaOk': 'No grade exceeds its quota',
  'compile.missing': 'Units with no score sheet received',
  'col.sealer': 'Sealed by',
  'col.sealedAt': 'Sealed at (UTC+8)',
  'col.sealCode': 'Seal code',
  'col.register': 'Register',
  'value.namesOnly': 'names only (not verified by key)',
  'value.duplicate': 'duplicate',
  'value.missing': 'not received',
  'register.matched': 'matched',
  'register.not-registered': 'not registered',
  'register.unsealed': 'unsealed',
  'register.no-register': 'not checked',
  'register.not-sealed': 'not sealed',
  'col.rank': 'Rank',
  'col.unitId': 'Unit ID',
  'col.unit': 'Unit',
  'col.category': 'Category',
  'col.total': 'Total',
  'col.grade': 'Grade',
  'col.veto': 'Veto',
  'col.adjusted': 'Adjusted',
  'col.status': 'Status',
  'col.file': 'File',
  'col.person': 'ID',
  'col.name': 'Name',
  'col.items': 'Items',
  'col.meanRatio': 'Mean score/max',
  'col.fullShare': 'Full-marks share',
  'col.z': 'z-score',
  'col.flag': 'Flag',
  'col.item': 'Item',
  'col.cell': 'Cell',
  'col.severity': 'Severity',
  'col.code': 'Code',
  'col.message': 'Message',
  'value.yes': 'yes',
  'value.no': 'no',
  'value.verified': 'verified',
  'value.failed': 'failed',
  'value.error': 'error',
  'value.warning': 'warning',
  'value.lenient': 'possibly lenient (weaker signal; the re-check bias decides)',

  'bias.overall': 'Both roles (against the oversight re-checks)',
  'bias.asScorer': 'As scorer',
  'bias.asReviewer': 'As reviewer',
  'bias.weak': 'Weaker signals (for reference)',
  'col.rechecked': 'Re-checked',
  'col.recheckAdjusted': 'Adjusted',
  'col.meanPoints': 'Mean deviation (points)',
  'col.meanShare': 'Mean deviation (share of max)',
  'col.intervalLo': '{level}% interval, low',
  'col.intervalHi': '{level}% interval, high',
  'col.verdict': 'Verdict',
  'col.setKind': 'Scope',
  'col.setName': 'Name',
  'col.confirmed': 'Confirmed unchanged',
  'col.confirmedShare': 'Confirmed share',
  'col.alpha': 'Alpha (agreement)',
  'verdict.lenient': 'lenient',
  'verdict.harsh': 'harsh',
  'verdict.consistent': 'no bias shown',
  'verdict.too-few': 'fewer than {min} re-checks: not judged',
  'value.group': 'Group',
  'value.rubric': 'Rubric',
  'value.all': 'All',
  'value.allRechecked': 'All re-checked items',
  'compile.agreement': "Groups and rubrics: agreement with the oversight's re-checks",
  'compile.legend': 'How to read this sheet',
  'compile.biasChart': 'Mean deviation per appraiser (original − re-checked score, share of max)',
  'legend.deviation':
    "Deviation = the appraisers' signed score − the oversight's re-checked score (0 when confirmed). Positive: scored higher than the oversight (lenient); negative: lower (harsh). Only key-signed sheets that passed verification count.",
  'legend.share':
    "Mean deviation (share of max): each item's deviation divided by its points, then averaged, so items of different size compare; the verdict rests on it. Mean deviation (points) is the plain difference over the same items.",
  'legend.interval':
    '{level}% interval: the t interval of the mean deviation (mean ± t × sd ÷ √n). Wholly above 0: lenient; wholly below 0: harsh; holding 0: no bias shown (not enough evidence, which is not the same as no bias).',
  'legend.min':
    'Fewer than {min} re-checks: no verdict. The fewer the re-checks, the wider the interval; re-checked items are drawn at random but are not fully independent, so the interval is approximate.',
  'legend.roles':
    'Both roles: every re-checked item the person signed as scorer or as reviewer, each once. Scorer and reviewer of an item share its deviation, so a partner’s bias counts towards one’s own.',
  'legend.alpha':
    "Alpha: Krippendorff's alpha (interval metric, on scores as a share of max) between the appraisers' and the oversight's scores: 1 = perfect agreement, 0 = no better than chance; blank when all values are equal. Confirmed share: the share of re-checks that confirmed the original score.",
  'legend.weak':
    'Weaker signals: the full-marks share and the z-score look at how high the scores are, so they cannot tell a lenient appraiser from one who assessed strong units; for reference only (flagged at ≥ {full}% full marks or z ≥ {z}).',
  'legend.caution':
    "The oversight's re-check is the reference. With many appraisers, about 5% of those without any bias are still flagged: a verdict is a reason to look closer, not proof.",
  'cli.appraisers':
    "appraisers: bias against the oversight's re-checks (original − re-checked, as a share of max; {level}% t interval; no verdict under {min} re-checks)",
  'cli.bias': '{count} re-checked ({adjusted} adjusted), mean {mean}{interval}: {verdict}',
  'cli.noRechecks': 'no re-checks',
  'cli.roles': 'as scorer: {scorer}; as reviewer: {reviewer}',
  'cli.weak': 'weaker signals: {items} scored, mean {mean}, full marks {full}, z = {z}, adjusted {adjusted}',
  'cli.weakNone': 'weaker signals: scored none',
  'cli.agreement': "agreement with the oversight's re-checks (Krippendorff's alpha, interval metric on score/max)",
  'cli.agreementLine': '{label}: {count} items, {confirmed} confirmed unchanged ({share}), alpha {alpha}; {bias}',
  'cli.alphaNone': 'n/a',

  'cli.noErrors': 'no errors',
  'cli.errors': '{count} error(s)',
  'cli.warnings': '{count} warning(s)',
  'cli.fileItself': '(the file itself)',
  'cli.sealedBy': 'sealed by {name} ({person}) at {when} (UTC+8), seal code {code}, register: {register}',
  'cli.round': 'round {round}: {sealed}unsealed by {person}: {reason}',
  'cli.roundSealed': 'sealed {code}, ',
  'cli.awaitSignatures': '{items} item(s) await signatures: {list}',
  'cli.adjusted': 'adjusted {count}',
  'cli.veto': ' (veto)',
  'cli.sealedShort': 'sealed by {name} {when} {code} (register: {register})',
  'cli.reading': 'reading {done}/{total} …',
  'stage.filling': 'filling',
  'stage.signed': 'signed',
  'stage.sampled': 'sampled',
  'stage.sealed': 'sealed',
  'stage.unsealed': 'unsealed',

  'status.empty': 'To fill',
  'status.needScorer': 'Needs scorer',
  'status.needReviewer': 'Needs reviewer',
  'status.signed': 'Signed',
  'status.stale': 'Changed after signing',
  'recheck.confirmed': 'Confirmed',
  'recheck.adjusted': 'Adjusted to {score}',
  'recheck.sampled': 'To re-check',
  'seal.none': 'Not sealed',
  'seal.sealed': 'Sealed {when}',
  'seal.broken': 'Unsealed',
  'role.scorer': 'scorer',
  'role.reviewer': 'reviewer',

  'person.withDept': '{name} ({dept})',
  'person.label': '{name} ({id})',
  'sep.and': ' and ',
  'sep.comma': ', ',
  'sep.semicolon': '; ',

  'column.code': 'Code',
  'column.item': 'Item',
  'column.criteria': 'Criteria',
  'column.max': 'Max',
  'column.score': 'Score',
  'column.completion': 'Completion',
  'column.basis': 'Basis',
  'column.verifiedBy': 'Verified by',
  'column.scorer': 'Scorer',
  'column.reviewer': 'Reviewer',
  'column.status': 'Status',
  'column.recheck': 'Re-check',
  'column.recheckNote': 'Re-check note',

  'sheet.titleSuffix': 'score sheet',
  'sheet.total': 'Total',
  'sheet.confidential': 'Internal — confidential (内部资料 注意保密)',
  'sheet.oversight': 'Oversight',
  'sheet.sealStatus': 'Seal status',
  'sheet.sealCode': 'Seal code',
  'sheet.section': '(subtotal)',
  'sheet.vetoHint': 'type 是 (yes) or 否 (no)',
  'sheet.decimalError': 'Enter a number from {min} to {max}',
  'sheet.listError': 'Choose one of: {values}',
  'sheet.listSoft': 'Usually one of: {values} (several separated by 、)',
  'sheet.footer': 'Page &P of &N',
};

const zh = { ...CORE_ZH, ...PLAN_ZH };

/** Every message id of the core's catalog. */
export type MessageId = keyof typeof zh;

const en: Record<MessageId, string> = { ...CORE_EN, ...PLAN_EN };

/** One locale's texts, by id (a pseudo-locale test passes its own). */
export type Catalog = Readonly<Record<MessageId, string>>;
export type Catalogs = Readonly<Record<Locale, Catalog>>;

export const CATALOGS: Catalogs = { 'zh-CN': zh, 'en-US': en };

/**
 * A message of a catalog whose ids are `Id`: an id and its parameters, rendered where it is
 * shown. An edge with texts of its own extends the core's ids (the command line: src/cli/say.ts).
 */
export interface MessageOf<Id extends string> {
  readonly id: Id;
  readonly params?: ParamsOf<Id> | undefined;
}

/** The separators of lists, as the catalog says them ("和" / " and "). */
export type Separator = 'sep.and' | 'sep.comma' | 'sep.semicolon';

/** Items shown one after the other, joined by a separator of the catalog. */
export interface ListOf<Id extends string> {
  readonly items: readonly ParamOf<Id>[];
  readonly join: Separator;
}

/** A parameter: data shown as it is (a name, a code, a value, a number), a message, or a list. */
export type ParamOf<Id extends string> = string | number | MessageOf<Id> | ListOf<Id>;

export interface ParamsOf<Id extends string> {
  readonly [key: string]: ParamOf<Id>;
}

/** A message of the core's catalog, rendered in the plan's locale. */
export type Message = MessageOf<MessageId>;
export type MessageList = ListOf<MessageId>;
export type Param = ParamOf<MessageId>;
export type Params = ParamsOf<MessageId>;

/** A message of the catalog. */
export const msg = (id: MessageId, params?: Params): Message => (params ? { id, params } : { id });

/** Items joined by a separator of the catalog. */
export const listOf = (items: readonly Param[], join: Separator): MessageList => ({ items, join });

type Compiled = readonly (string | { readonly key: string })[];
const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  const parts: (string | { key: string })[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, m.index), { key: m[1]! });
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** A catalog with ids `Id`; its ids include the separators its lists are joined with. */
type TextsOf<Id extends string> = Readonly<Record<Id, string>> & Readonly<Record<Separator, string>>;

function paramText<Id extends string>(catalog: TextsOf<Id>, v: ParamOf<Id>): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if ('id' in v) return format(catalog, v.id, v.params);
  return v.items.map((x) => paramText(catalog, x)).join(catalog[v.join]);
}

/**
 * Formats message `id` of `catalog` with `params`; a parameter that is a message or a list is
 * rendered with the same catalog. Unknown placeholders stay visible.
 */
export function format<Id extends string>(catalog: TextsOf<Id>, id: NoInfer<Id>, params: ParamsOf<NoInfer<Id>> = {}): string {
  const template = catalog[id];
  let parts = compiled.get(template);
  if (!parts) {
    parts = compile(template);
    compiled.set(template, parts);
  }
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = params[p.key];
      out += v === undefined ? `{${p.key}}` : paramText(catalog, v);
    }
  }
  return out;
}

/** Formats message `id` in `locale` with `params`. Unknown placeholders stay visible. */
export function t(locale: Locale, id: MessageId, params: Params = {}): string {
  return format(CATALOGS[locale], id, params);
}

/** Renders a message in `locale` (with `catalogs`: a pseudo-locale's, in tests). */
export function render(m: Message, locale: Locale, catalogs: Catalogs = CATALOGS): string {
  return format(catalogs[locale], m.id, m.params);
}
