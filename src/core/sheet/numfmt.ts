/**
 * Number formats, as far as the rules need them: whether a format shows a number as it is
 * (General), keeps text as typed ('@'), or shows a date or time.
 */

/** General: the value shown as it is stored. Both edges report it as null (or "General"). */
export function isGeneral(fmt: string | null | undefined): boolean {
  return fmt === null || fmt === undefined || fmt === '' || fmt.toLowerCase() === 'general';
}

/** The text format: what is typed stays text. */
export function isText(fmt: string | null | undefined): boolean {
  return fmt === '@';
}

/**
 * Whether a format shows numbers as dates or times: it has a date/time token (y, m, d, h, s,
 * AM/PM, Chinese 年月日时分秒) outside quoted text, escapes and [colour]/[$-locale] brackets.
 * Elapsed-time brackets ([h], [mm]) count as time.
 */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || isGeneral(fmt)) return false;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      i = end < 0 ? fmt.length : end + 1;
    } else if (c === '\\' || c === '_' || c === '*') i += 2;
    else if (c === '[') {
      const end = fmt.indexOf(']', i + 1);
      const inner = fmt.slice(i + 1, end < 0 ? fmt.length : end).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) return true;
      i = end < 0 ? fmt.length : end + 1;
    } else if (/[ymdhsYMDHS年月日时分秒]/.test(c) || fmt.slice(i, i + 5).toUpperCase() === 'AM/PM') return true;
    else i += 1;
  }
  return false;
}

/**
 * A date or time format that shows nothing but the date and time: date/time tokens and
 * separators only — no quoted text, no escaped characters, no text section — so a typed date in
 * a free-text column cannot be made to display words the cell does not hold.
 */
export function isPlainDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || !isDateFormat(fmt)) return false;
  // locale and calendar prefixes such as [$-804] or [DBNum1] are allowed; colours are not needed
  const body = fmt.replace(/\[\$-[0-9A-Fa-f]+\]|\[DBNum[123]\]/g, '');
  return /^(?:[yYmMdDhHsS年月日时分秒/\-.:, ]|AM\/PM|上午\/下午|\[[hHmMsS]+\])+$/.test(body);
}
