/**
 * Text normalisation shared by every rule, digest and reader.
 * Pure: no Excel, Office, React or file system.
 */

/** NFC-normalise and trim, as SPEC §3 requires for every signed or sealed text. */
export function canonText(s: string): string {
  return s.normalize('NFC').trim();
}

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g;

/**
 * Replace full-width digits, full stop, minus and plus (０-９ ． － ＋) and the ideographic
 * full stop used as a decimal point by some IMEs by their ASCII forms.
 * Returns the converted text and whether anything changed.
 */
export function halfWidthDigits(s: string): { text: string; changed: boolean } {
  const text = s.replace(FULLWIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/(\d)\u3002(?=\d)/g, '$1.');
  return { text, changed: text !== s };
}
