/**
 * Output that cannot lie (issue 11): text from a workbook (a cell, a sheet name, a reason) can
 * carry characters that redraw a terminal (ESC sequences: `_x001B_` in the XML becomes a real
 * ESC), reorder what is shown (right-to-left overrides and isolates) or hide text (zero-width
 * and other invisible format characters). A tampered sheet could then *display* as
 * `✓ no errors`. Human output (the CLI's lines, the pane's finding texts) shows every such
 * character as a visible escape, e.g. `\u202E`; `--json` keeps the exact text (as JSON escapes).
 */

/**
 * The characters shown escaped: C0 and C1 controls and DEL; soft hyphen; Arabic letter mark;
 * Hangul and Khmer fillers and inherent vowels; Mongolian free variation selectors and vowel
 * separator; zero-width space, joiners, direction marks; line and paragraph separators;
 * embeddings, overrides and isolates; word joiner, invisible operators and deprecated format
 * characters; the byte-order mark; interlinear annotation controls and specials; tag
 * characters; lone surrogates (the `u` flag: a surrogate pair is one code point and never matches).
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and combining characters are what it matches
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF0-\uFFFB\u{E0000}-\u{E007F}\uD800-\uDFFF]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  // UTF-16 units, as JSON writes them (a tag character is two: \uDB40\uDC41)
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  return out;
}

/** The text with every control, bidi, zero-width and other invisible character shown as an escape. */
export function visible(text: string): string {
  return text.replace(HIDDEN, escapeOne);
}

/** True when `visible` would change the text. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const r = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return r;
}

/** ScoreSeal's own colours (SGR red, green, yellow, reset): the only escapes a terminal line may keep. */
// eslint-disable-next-line no-control-regex -- ESC is what it matches
const OWN_SGR = /\u001B\[(?:0|31|32|33)m/y;

/**
 * A whole block of output made safe for a terminal: like `visible`, but the line breaks between
 * lines and ScoreSeal's own colour codes are kept. Values inside a line should already have been
 * passed through `visible` (so a line break *inside* a cell cannot forge a line).
 */
export function terminalSafe(block: string): string {
  let out = '';
  let i = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(block); m; m = HIDDEN.exec(block)) {
    out += block.slice(i, m.index);
    i = m.index + m[0].length;
    if (m[0] === '\n') out += '\n';
    else if (m[0] === '\u001B') {
      OWN_SGR.lastIndex = m.index;
      const sgr = OWN_SGR.exec(block);
      if (sgr) {
        out += sgr[0];
        i = m.index + sgr[0].length;
        HIDDEN.lastIndex = i;
      } else out += escapeOne(m[0]);
    } else out += escapeOne(m[0]);
  }
  HIDDEN.lastIndex = 0;
  return out + block.slice(i);
}
