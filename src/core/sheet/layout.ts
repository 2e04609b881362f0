/**
 * The score-sheet layout of SPEC §2: column titles, the labelled fields above the table,
 * the footer lines below it, verification methods and statuses. Both languages are accepted
 * when reading; the plan's locale decides what is written.
 */
import { CATALOGS, type Locale } from '../i18n/catalog';
import { table } from '../lookup';
import { SHEET_NAME_FORBIDDEN, SHEET_NAME_MAX } from '../presentation/excel';

export const COLUMN_KEYS = [
  'code',
  'item',
  'criteria',
  'max',
  'score',
  'completion',
  'basis',
  'verifiedBy',
  'scorer',
  'reviewer',
  'status',
  'recheck',
  'recheckNote',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The column titles the template writes, in either language (the catalog's `column.*` messages). */
export const COLUMN_TITLES: Record<Locale, Record<ColumnKey, string>> = {
  'zh-CN': columnTitles('zh-CN'),
  'en-US': columnTitles('en-US'),
};

function columnTitles(locale: Locale): Record<ColumnKey, string> {
  return Object.fromEntries(COLUMN_KEYS.map((k) => [k, CATALOGS[locale][`column.${k}`]])) as Record<ColumnKey, string>;
}

/** Columns appraisers type into; every other cell is written by ScoreSeal. */
export const INPUT_COLUMNS: readonly ColumnKey[] = ['score', 'completion', 'basis', 'verifiedBy'];
/** Columns ScoreSeal derives from the log. */
export const DERIVED_COLUMNS: readonly ColumnKey[] = ['scorer', 'reviewer', 'status', 'recheck', 'recheckNote'];

export const FIELD_KEYS = ['unitName', 'unitId', 'category', 'rubricTitle', 'rubricId', 'fingerprint'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const FIELD_LABELS: Record<Locale, Record<FieldKey, string>> = {
  'zh-CN': {
    unitName: '被考核单位',
    unitId: '单位编号',
    category: '类别',
    rubricTitle: '考核细则',
    rubricId: '细则编号',
    fingerprint: '细则指纹',
  },
  'en-US': {
    unitName: 'Unit',
    unitId: 'Unit ID',
    category: 'Category',
    rubricTitle: 'Rubric',
    rubricId: 'Rubric ID',
    fingerprint: 'Fingerprint',
  },
};

export const FOOTER_KEYS = ['total', 'adjustedTotal', 'oversight', 'sealStatus', 'sealCode'] as const;
export type FooterKey = (typeof FOOTER_KEYS)[number];

export const FOOTER_LABELS: Record<Locale, Record<FooterKey, string>> = {
  'zh-CN': { total: '合计', adjustedTotal: '复核后合计', oversight: '监审人', sealStatus: '密封状态', sealCode: '密封码' },
  'en-US': {
    total: 'Total',
    adjustedTotal: 'Total after re-checks',
    oversight: 'Oversight',
    sealStatus: 'Seal status',
    sealCode: 'Seal code',
  },
};

/** 核实方式 values, always written in Chinese (the list validation offers these). */
export const VERIFY_METHODS = ['实地查看', '资料审核', '部门数据', '座谈走访'] as const;
export const MATERIALS_METHOD = '资料审核';
/** English synonyms accepted when reading. */
export const VERIFY_SYNONYMS = table({
  'on-site': '实地查看',
  'on site': '实地查看',
  materials: '资料审核',
  'department data': '部门数据',
  interviews: '座谈走访',
});

/** Separators between several methods: 、 as SPEC §2 says; also ， , ; ； / accepted. */
export const METHOD_SEPARATORS = /[、，,;；/]+/;

export const VETO_SYNONYMS = table({ 是: '是', 否: '否', yes: '是', no: '否', y: '是', n: '否' });

/** The name of the very hidden log sheet. */
export const LOG_SHEET = '_scoreseal';

/** A name Excel accepts (src/core/presentation/excel.ts): forbidden characters []:*?/\ → '_', at most 31 characters, never empty. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(SHEET_NAME_FORBIDDEN, '_').slice(0, SHEET_NAME_MAX);
  return cleaned || 'Sheet';
}

/** Column widths (characters) for the 13 columns. */
export const COLUMN_WIDTHS: readonly number[] = [8, 18, 40, 7, 8, 30, 30, 12, 10, 10, 13, 12, 20];
