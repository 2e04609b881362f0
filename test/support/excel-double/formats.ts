/**
 * Validation and formats: range formats (fill, font, alignment, wrap, borders, column width,
 * row height), data
 * validation (ExcelApi 1.8) with Excel's length limits, and conditional formats (ExcelApi 1.6;
 * ContainsText is the only typed rule). Every setter goes through the sheet's protection.
 */
import { ClientObject, accessors, type Loadable, type Path, type PropSpec, type Props } from './client';
import { E, err } from './errors';
import {
  intersects,
  rectA1,
  STANDARD_ROW_HEIGHT,
  type BorderSide,
  type ConditionalFormatRecord,
  type RangeT,
  type Rect,
  type SheetModel,
  type ValidationRecord,
} from './model';
import { FormatProtectionProxy, guardFormat } from './protection';
import type { DoubleContext } from './proxies';

const RANGE_FORMAT_PROPS: Props<RangeT> = {
  wrapText: {
    get: (t) => t.sheet.uniformFormat('wrapText', t.rect),
    set: (t, v) => (guardFormat(t, 'allowFormatCells', 'RangeFormat.wrapText'), t.sheet.setFormat('wrapText', t.rect, !!v)),
  },
  horizontalAlignment: {
    get: (t) => t.sheet.uniformFormat('horizontalAlignment', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFormat.horizontalAlignment'),
      t.sheet.setFormat('horizontalAlignment', t.rect, String(v))
    ),
  },
  verticalAlignment: {
    get: (t) => t.sheet.uniformFormat('verticalAlignment', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFormat.verticalAlignment'),
      t.sheet.setFormat('verticalAlignment', t.rect, String(v))
    ),
  },
  columnWidth: {
    get: (t) => {
      const w = t.sheet.columnWidths.get(t.rect.c0) ?? 48;
      for (let c = t.rect.c0; c <= Math.min(t.rect.c1, t.rect.c0 + 1000); c++) if ((t.sheet.columnWidths.get(c) ?? 48) !== w) return null;
      return w;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatColumns', 'RangeFormat.columnWidth');
      if (typeof v !== 'number' || v < 0)
        throw err(E.invalidArgument, 'Column width must be a non-negative number.', 'RangeFormat.columnWidth');
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, v);
    },
  },
  // RangeFormat.rowHeight (ExcelApi 1.2): "The height of all rows in the range. If the row
  // heights are not uniform, null will be returned." — points, at most 409 (Excel's limit) —
  // https://learn.microsoft.com/javascript/api/excel/excel.rangeformat
  rowHeight: {
    get: (t) => {
      const h = t.sheet.rowHeights.get(t.rect.r0) ?? STANDARD_ROW_HEIGHT;
      for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 1000); r++)
        if ((t.sheet.rowHeights.get(r) ?? STANDARD_ROW_HEIGHT) !== h) return null;
      return h;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatRows', 'RangeFormat.rowHeight');
      if (typeof v !== 'number' || !(v >= 0 && v <= 409))
        throw err(E.invalidArgument, 'Row height must be a number of points from 0 to 409.', 'RangeFormat.rowHeight');
      for (let r = t.rect.r0; r <= t.rect.r1; r++) t.sheet.rowHeights.set(r, v);
    },
    api: '1.2',
  },
};
export class RangeFormatProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFormat';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FORMAT_PROPS;
  }
  private _fill?: RangeFillProxy;
  private _font?: RangeFontProxy;
  private _prot?: FormatProtectionProxy;
  private _borders?: RangeBorderCollectionProxy;
  get borders(): RangeBorderCollectionProxy {
    return (this._borders ??= new RangeBorderCollectionProxy(this._ctx, this._path));
  }
  get fill(): RangeFillProxy {
    return (this._fill ??= new RangeFillProxy(this._ctx, this._path));
  }
  get font(): RangeFontProxy {
    return (this._font ??= new RangeFontProxy(this._ctx, this._path));
  }
  get protection(): FormatProtectionProxy {
    return (this._prot ??= new FormatProtectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = {
      fill: () => this.fill,
      font: () => this.font,
      protection: () => this.protection,
      borders: () => this.borders,
    };
    return nav[name]?.();
  }
}
accessors(RangeFormatProxy, RANGE_FORMAT_PROPS);

export function normColor(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '')
    throw err(E.invalidArgument, 'A color must be a non-empty string (use clear() to remove a fill).', where);
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', green: '#008000', yellow: '#FFFF00' };
  if (named[v.toLowerCase()]) return named[v.toLowerCase()]!;
  if (!/^#?[0-9a-f]{6}$/i.test(v)) throw err(E.invalidArgument, `"${v}" is not a color.`, where);
  return `#${v.replace('#', '').toUpperCase()}`;
}

const RANGE_FILL_PROPS: Props<RangeT> = {
  color: {
    get: (t) => t.sheet.uniformFormat('fill', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFill.color'),
      t.sheet.setFormat('fill', t.rect, normColor(v, 'RangeFill.color'))
    ),
  },
};
export class RangeFillProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFill';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FILL_PROPS;
  }
  clear(): void {
    this._method('clear', [], (t) => (guardFormat(t, 'allowFormatCells', 'RangeFill.clear'), t.sheet.setFormat('fill', t.rect, null)));
  }
}
accessors(RangeFillProxy, RANGE_FILL_PROPS);

const RANGE_FONT_PROPS: Props<RangeT> = {
  bold: {
    get: (t) => t.sheet.uniformFormat('bold', t.rect),
    set: (t, v) => (guardFormat(t, 'allowFormatCells', 'RangeFont.bold'), t.sheet.setFormat('bold', t.rect, !!v)),
  },
  size: {
    get: (t) => t.sheet.uniformFormat('fontSize', t.rect),
    set: (t, v) => {
      guardFormat(t, 'allowFormatCells', 'RangeFont.size');
      if (typeof v !== 'number' || !(v >= 1 && v <= 409))
        throw err(E.invalidArgument, 'A font size is a number from 1 to 409.', 'RangeFont.size');
      t.sheet.setFormat('fontSize', t.rect, v);
    },
  },
  color: {
    get: (t) => t.sheet.uniformFormat('fontColor', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFont.color'),
      t.sheet.setFormat('fontColor', t.rect, normColor(v, 'RangeFont.color'))
    ),
  },
};
export class RangeFontProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFont';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FONT_PROPS;
  }
}
accessors(RangeFontProxy, RANGE_FONT_PROPS);

/* --- borders (1.1) --- */

/**
 * RangeBorderCollection.getItem(index) and RangeBorder.style / weight / color (ExcelApi 1.1 —
 * https://learn.microsoft.com/javascript/api/excel/excel.rangebordercollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.rangeborder). Each cell keeps its own
 * four sides: an edge of a range sets that side of the cells along it; an inside line sets the
 * facing sides of both neighbours (Excel draws one line). Reading a border of a range gives the
 * value common to the cells it covers, or null when mixed. Diagonals are not modelled.
 */
type BorderT = RangeT & { readonly index: string };
const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];
const BORDER_WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'];
const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'];

/** The cell sides a border index of a range stands for. */
function borderSides(index: string, r: Rect): { side: BorderSide; rect: Rect }[] {
  switch (index) {
    case 'EdgeTop':
      return [{ side: 'top', rect: { ...r, r1: r.r0 } }];
    case 'EdgeBottom':
      return [{ side: 'bottom', rect: { ...r, r0: r.r1 } }];
    case 'EdgeLeft':
      return [{ side: 'left', rect: { ...r, c1: r.c0 } }];
    case 'EdgeRight':
      return [{ side: 'right', rect: { ...r, c0: r.c1 } }];
    case 'InsideHorizontal':
      return r.r1 > r.r0
        ? [
            { side: 'bottom', rect: { ...r, r1: r.r1 - 1 } },
            { side: 'top', rect: { ...r, r0: r.r0 + 1 } },
          ]
        : [];
    case 'InsideVertical':
      return r.c1 > r.c0
        ? [
            { side: 'right', rect: { ...r, c1: r.c1 - 1 } },
            { side: 'left', rect: { ...r, c0: r.c0 + 1 } },
          ]
        : [];
    default:
      return [];
  }
}

function borderProp(prop: 'style' | 'weight' | 'color', check: (v: unknown, where: string) => string): PropSpec<BorderT> {
  const where = `RangeBorder.${prop}`;
  return {
    get: (t) => {
      const values = borderSides(t.index, t.rect).map(({ side, rect }) => t.sheet.uniformFormat(`border.${side}.${prop}`, rect));
      return values.length && values.every((v) => v === values[0]) ? values[0] : null;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatCells', where);
      const value = check(v, where);
      for (const { side, rect } of borderSides(t.index, t.rect)) t.sheet.setFormat(`border.${side}.${prop}`, rect, value);
    },
  };
}
const oneOf =
  (list: readonly string[]) =>
  (v: unknown, where: string): string => {
    if (typeof v !== 'string' || !list.includes(v)) throw err(E.invalidArgument, `Invalid value ${JSON.stringify(v)}.`, where);
    return v;
  };
const BORDER_PROPS: Props<BorderT> = {
  sideIndex: { get: (t) => t.index },
  style: borderProp('style', oneOf(BORDER_STYLES)),
  weight: borderProp('weight', oneOf(BORDER_WEIGHTS)),
  color: borderProp('color', normColor),
};
export class RangeBorderProxy extends ClientObject<BorderT> {
  get _type(): string {
    return 'RangeBorder';
  }
  protected override get _props(): Props<BorderT> {
    return BORDER_PROPS;
  }
}
accessors(RangeBorderProxy, BORDER_PROPS);

export class RangeBorderCollectionProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeBorderCollection';
  }
  getItem(index: string): RangeBorderProxy {
    return this._child(
      RangeBorderProxy,
      (t) => {
        if (!BORDER_INDEXES.includes(index))
          throw err(E.invalidArgument, `The border index ${JSON.stringify(index)} is not modelled.`, 'RangeBorderCollection.getItem');
        return { ...t, index };
      },
      'getItem',
    );
  }
}

/* --- data validation (1.8) --- */

const RULE_TYPES = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'];

/**
 * Excel's limits on validation texts (MS-OI29500 2.1.613: "Excel restricts the value of [prompt]
 * to be at most 255 characters", "the error attribute to 224 characters", "errorTitle … to 32
 * characters", "promptTitle … to 32 characters" —
 * https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/0114969a-4859-443e-ae3e-0c1fdebfcc64;
 * Validation.InputTitle "Limited to 32 characters" —
 * https://learn.microsoft.com/office/vba/api/excel.validation.inputtitle) and on a list typed
 * as its source (a list source is a formula of at most 255 characters — the limit Excel's
 * data-validation dialog enforces; ListDataValidation.source —
 * https://learn.microsoft.com/javascript/api/excel/excel.listdatavalidation). The reference
 * gives no error code for exceeding them: InvalidArgument is the double's assumption.
 */
export const VALIDATION_LIMITS = { listSource: 255, promptTitle: 32, promptMessage: 255, errorTitle: 32, errorMessage: 224 } as const;

function checkLength(v: unknown, max: number, what: string, where: string): void {
  if (typeof v === 'string' && v.length > max) throw err(E.invalidArgument, `${what} can have at most ${max} characters.`, where);
}
function validationFor(t: RangeT, create: boolean): ValidationRecord | undefined {
  const found = t.sheet.validations.find(
    (v) => v.rect.r0 === t.rect.r0 && v.rect.c0 === t.rect.c0 && v.rect.r1 === t.rect.r1 && v.rect.c1 === t.rect.c1,
  );
  if (found || !create) return found?.record;
  // a new rule replaces whatever rules the range overlapped
  for (let i = t.sheet.validations.length - 1; i >= 0; i--)
    if (intersects(t.sheet.validations[i]!.rect, t.rect)) t.sheet.validations.splice(i, 1);
  const record: ValidationRecord = { address: rectA1(t.rect), rule: null };
  t.sheet.validations.push({ rect: t.rect, record });
  return record;
}
const DATA_VALIDATION_PROPS: Props<RangeT> = {
  rule: {
    get: (t) => validationFor(t, false)?.rule ?? {},
    set: (t, v) => {
      guardFormat(t, null, 'DataValidation.rule');
      const keys = v && typeof v === 'object' ? Object.keys(v) : [];
      if (keys.length !== 1 || !RULE_TYPES.includes(keys[0]!))
        throw err(E.invalidArgument, 'A data validation rule needs exactly one rule type.', 'DataValidation.rule');
      const body = (v as Record<string, Record<string, unknown>>)[keys[0]!]!;
      if (keys[0] === 'list' && (typeof body.source !== 'string' || !body.source))
        throw err(E.invalidArgument, 'A list rule needs a source.', 'DataValidation.rule');
      if (keys[0] === 'list') checkLength(body.source, VALIDATION_LIMITS.listSource, 'A list source', 'DataValidation.rule');
      if (['decimal', 'wholeNumber', 'textLength'].includes(keys[0]!) && (body.formula1 === undefined || typeof body.operator !== 'string'))
        throw err(E.invalidArgument, 'A basic rule needs formula1 and an operator.', 'DataValidation.rule');
      validationFor(t, true)!.rule = v as Record<string, unknown>;
    },
    api: '1.8',
  },
  prompt: {
    get: (t) => validationFor(t, false)?.prompt ?? { showPrompt: false, title: '', message: '' },
    set: (t, v) => {
      guardFormat(t, null, 'DataValidation.prompt');
      const p = (v ?? {}) as { title?: unknown; message?: unknown };
      checkLength(p.title, VALIDATION_LIMITS.promptTitle, 'A prompt title', 'DataValidation.prompt');
      checkLength(p.message, VALIDATION_LIMITS.promptMessage, 'A prompt message', 'DataValidation.prompt');
      validationFor(t, true)!.prompt = v as Record<string, unknown>;
    },
    api: '1.8',
  },
  errorAlert: {
    get: (t) => validationFor(t, false)?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' },
    set: (t, v) => {
      guardFormat(t, null, 'DataValidation.errorAlert');
      const style = (v as { style?: unknown })?.style;
      if (style !== undefined && !['Stop', 'Warning', 'Information'].includes(style as string))
        throw err(E.invalidArgument, `Invalid alert style ${JSON.stringify(style)}.`, 'DataValidation.errorAlert');
      const a = (v ?? {}) as { title?: unknown; message?: unknown };
      checkLength(a.title, VALIDATION_LIMITS.errorTitle, 'An alert title', 'DataValidation.errorAlert');
      checkLength(a.message, VALIDATION_LIMITS.errorMessage, 'An alert message', 'DataValidation.errorAlert');
      validationFor(t, true)!.errorAlert = v as Record<string, unknown>;
    },
    api: '1.8',
  },
  ignoreBlanks: {
    get: (t) => validationFor(t, false)?.ignoreBlanks ?? true,
    set: (t, v) => (guardFormat(t, null, 'DataValidation.ignoreBlanks'), (validationFor(t, true)!.ignoreBlanks = !!v)),
    api: '1.8',
  },
};
export class DataValidationProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'DataValidation';
  }
  protected override get _props(): Props<RangeT> {
    return DATA_VALIDATION_PROPS;
  }
  clear(): void {
    this._method(
      'clear',
      [],
      (t) => {
        guardFormat(t, null, 'DataValidation.clear');
        for (let i = t.sheet.validations.length - 1; i >= 0; i--)
          if (intersects(t.sheet.validations[i]!.rect, t.rect)) t.sheet.validations.splice(i, 1);
      },
      '1.8',
    );
  }
}
accessors(DataValidationProxy, DATA_VALIDATION_PROPS);

/* --- conditional formats (1.6) --- */

type CfT = { sheet: SheetModel; record: ConditionalFormatRecord };
const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];

export class ConditionalFormatCollectionProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'ConditionalFormatCollection';
  }
  add(type: string): ConditionalFormatProxy {
    return this._child(
      ConditionalFormatProxy,
      (t) => {
        guardFormat(t, null, 'ConditionalFormatCollection.add');
        if (!CF_TYPES.includes(type))
          throw err(E.invalidArgument, `Unknown conditional format type ${type}.`, 'ConditionalFormatCollection.add');
        const record: ConditionalFormatRecord = { address: rectA1(t.rect), type, rule: null, fill: null, fontColor: null, bold: null };
        t.sheet.conditionalFormats.push({ rect: t.rect, record });
        return { sheet: t.sheet, record };
      },
      'conditionalFormats.add',
      '1.6',
    );
  }
  clearAll(): void {
    this._method(
      'clearAll',
      [],
      (t) => {
        guardFormat(t, null, 'ConditionalFormatCollection.clearAll');
        for (let i = t.sheet.conditionalFormats.length - 1; i >= 0; i--)
          if (intersects(t.sheet.conditionalFormats[i]!.rect, t.rect)) t.sheet.conditionalFormats.splice(i, 1);
      },
      '1.6',
    );
  }
}

const CF_PROPS: Props<CfT> = { type: { get: (t) => t.record.type } };
export class ConditionalFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'ConditionalFormat';
  }
  protected override get _props(): Props<CfT> {
    return CF_PROPS;
  }
  get textComparison(): TextConditionalFormatProxy {
    return new TextConditionalFormatProxy(
      this._ctx,
      this._path.derive((t) => {
        if (t.record.type !== 'ContainsText')
          throw err(E.invalidArgument, 'This conditional format is not a text comparison.', 'ConditionalFormat.textComparison');
        return t;
      }),
    );
  }
}
accessors(ConditionalFormatProxy, CF_PROPS);

const TEXT_OPERATORS = ['Contains', 'NotContains', 'BeginsWith', 'EndsWith'];
const TEXT_CF_PROPS: Props<CfT> = {
  rule: {
    get: (t) => t.record.rule,
    set: (t, v) => {
      const r = v as { operator?: unknown; text?: unknown } | null;
      if (!r || !TEXT_OPERATORS.includes(String(r.operator)) || typeof r.text !== 'string')
        throw err(E.invalidArgument, 'A text rule needs an operator and text.', 'TextConditionalFormat.rule');
      t.record.rule = { operator: r.operator, text: r.text };
    },
  },
};
export class TextConditionalFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'TextConditionalFormat';
  }
  protected override get _props(): Props<CfT> {
    return TEXT_CF_PROPS;
  }
  get format(): ConditionalRangeFormatProxy {
    return new ConditionalRangeFormatProxy(this._ctx, this._path);
  }
}
accessors(TextConditionalFormatProxy, TEXT_CF_PROPS);

export class ConditionalRangeFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'ConditionalRangeFormat';
  }
  get fill(): CfColorProxy {
    return new CfColorProxy(this._ctx, this._path, 'fill');
  }
  get font(): CfColorProxy {
    return new CfColorProxy(this._ctx, this._path, 'font');
  }
}

export class CfColorProxy extends ClientObject<CfT> {
  constructor(
    ctx: DoubleContext,
    path: Path<CfT>,
    private readonly part: 'fill' | 'font',
  ) {
    super(ctx, path);
  }
  get _type(): string {
    return this.part === 'fill' ? 'ConditionalRangeFill' : 'ConditionalRangeFont';
  }
  protected override get _props(): Props<CfT> {
    const part = this.part;
    return {
      color: {
        get: (t) => (part === 'fill' ? t.record.fill : t.record.fontColor),
        set: (t, v) => {
          const c = normColor(v, `${this._type}.color`);
          if (part === 'fill') t.record.fill = c;
          else t.record.fontColor = c;
        },
      },
      bold: { get: (t) => t.record.bold, set: (t, v) => (t.record.bold = !!v) },
    };
  }
  get color(): string {
    return this._read('color') as string;
  }
  set color(v: string) {
    this._write('color', v);
  }
  get bold(): boolean {
    return this._read('bold') as boolean;
  }
  set bold(v: boolean) {
    this._write('bold', v);
  }
}
