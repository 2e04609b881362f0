/**
 * The enrolment rule for passphrases (SPEC §3, issue 11).
 *
 * Every workbook carries every signer's public key, so anyone with a copy can guess a
 * passphrase offline: one scrypt (N = 2^15, r = 8) per guess, about 144 ms a core here. That
 * makes a random 10-letter passphrase cost centuries of a large machine, and a common password,
 * a keyboard walk or the person's own name with a birthday cost minutes. The rule therefore
 * refuses what attackers try first, in the order they try it:
 *
 * - `tooShort`: fewer than 10 characters (NFC code points);
 * - `allDigits`: digits only;
 * - `common`: in the bundled list of common passwords, a common word decorated with digits and
 *   symbols ("Password2026!", "woaini@1314"), a keyboard or alphabet walk ("1qaz2wsx3edc",
 *   "qwerty123456"), a short unit repeated, or fewer than four different characters;
 * - `personal`: built from the person's own name (as written, or in pinyin: full, initials,
 *   either order), id or department, with what is left over weak (digits, symbols, a common
 *   word, or fewer than six letters and digits).
 *
 * It is a filter for the guesses that come first, not an entropy meter: it never accepts a
 * passphrase the old rule refused.
 */
import { COMMON_PASSWORDS, COMMON_WORDS } from './common-passwords';
import { namePinyin } from './name-pinyin';

export type PassphraseProblem = 'tooShort' | 'allDigits' | 'common' | 'personal';

/** Who enrols: what a guesser who knows the person would try. */
export interface PassphraseOwner {
  readonly id: string;
  readonly name?: string;
  readonly dept?: string;
}

const COMMON = new Set(COMMON_PASSWORDS);
const WORDS = new Set(COMMON_WORDS);
/** Longer passphrases are not pattern-checked (the segmentation below is quadratic). */
const PATTERN_CHECK_MAX = 64;

/** Lower case, letters and digits only (any script). */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The folded spellings to check: symbols dropped ("woaini@1314"), or read as letters ("p@$$word"). */
function spellings(s: string): string[] {
  const plain = fold(s);
  const leet = fold(s.replace(/@/g, 'a').replace(/\$/g, 's'));
  return leet === plain ? [plain] : [plain, leet];
}

/** Digits written for letters inside a word ("p4ssw0rd"). */
function unleet(s: string): string {
  return s.replace(/[013457]/g, (d) => ({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' })[d]!);
}

/** Walks people type: the alphabet, digits, keyboard rows and columns, alternations. */
const WALKS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7ki8lo9p0',
  '1q2w3e4r5t6y7u8i9o0p',
  'q1w2e3r4t5y6u7i8o9p0',
  'a1s2d3f4g5h6j7k8l9',
  'z1x2c3v4b5n6m7',
  'a1b2c3d4e5f6g7h8i9j0',
  'qweasdzxc',
  'qazwsxedc',
  '147258369',
  '123456789987654321',
];
const WALK_TEXT = [...WALKS, ...WALKS.map((w) => [...w].reverse().join(''))].join(' ');

/** True when `s` is at most three runs, each a piece (≥ 3 long) of a walk or of one repeated character. */
function isWalk(s: string): boolean {
  if (s.length > PATTERN_CHECK_MAX) return false;
  const piece = (i: number, j: number): boolean => {
    const t = s.slice(i, j);
    return t.length >= 3 && (WALK_TEXT.includes(t) || /^(.)\1+$/u.test(t));
  };
  // fewest runs covering s[0, i)
  const best = new Array<number>(s.length + 1).fill(Infinity);
  best[0] = 0;
  for (let j = 3; j <= s.length; j++) for (let i = 0; i + 3 <= j; i++) if (best[i]! + 1 < best[j]! && piece(i, j)) best[j] = best[i]! + 1;
  return best[s.length]! <= 3;
}

/** The shortest unit that `s` repeats (s itself when none). */
function repeatedUnit(s: string): string {
  for (let n = 1; n <= s.length / 2; n++) if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return s.slice(0, n);
  return s;
}

/** A common word with only digits around it, or (after unleeting) a common word. */
function isDecoratedWord(folded: string): boolean {
  const core = folded.replace(/^\p{N}+|\p{N}+$/gu, '');
  if (core.length <= 3) return true; // "abc1234567", "x9384729105": the digits carry it
  return WORDS.has(core) || WORDS.has(unleet(core)) || COMMON.has(unleet(folded));
}

/** `common` for the guesses every list starts with; null otherwise. */
function isCommon(folded: string, original: string): boolean {
  if (new Set(original.normalize('NFC')).size < 4) return true;
  if (COMMON.has(folded)) return true;
  if (isDecoratedWord(folded)) return true;
  const unit = repeatedUnit(folded);
  if (unit !== folded && (unit.length <= 5 || COMMON.has(unit) || WORDS.has(unit) || isDecoratedWord(unit) || isWalk(unit))) return true;
  return isWalk(folded);
}

/** The spellings of the person a guesser would try first (folded, each ≥ 2 long). */
export function personalTokens(owner: PassphraseOwner): string[] {
  const tokens = new Set<string>();
  const add = (t: string): void => {
    const f = fold(t);
    if (f.length >= 2) tokens.add(f);
  };
  add(owner.id);
  if (owner.dept) add(owner.dept);
  if (owner.name) {
    add(owner.name);
    for (const spelling of namePinyin(owner.name)) {
      const { surname, given } = spelling;
      const initials = (parts: readonly string[]): string => parts.map((p) => p[0] ?? '').join('');
      add(surname.join('') + given.join('')); // zhangwei
      add(given.join('') + surname.join('')); // weizhang
      add(initials(surname) + initials(given)); // zw
      add(surname.join('') + initials(given)); // zhangw
      add(initials(surname) + given.join('')); // zwei
      add(given.join('')); // wei (the given name alone)
      add(surname.join('')); // zhang
    }
  }
  // longest first, so "zhangwei" goes before "zhang"
  return [...tokens].sort((a, b) => b.length - a.length);
}

function isPersonal(folded: string, owner: PassphraseOwner): boolean {
  let rest = folded;
  let removed = false;
  for (const t of personalTokens(owner)) {
    if (rest.includes(t)) {
      rest = rest.split(t).join('');
      removed = true;
    }
  }
  if (!removed) return false;
  if (rest.length < 6 || !/\p{L}/u.test(rest)) return true;
  return isCommon(rest, rest);
}

/**
 * The enrolment rule: null when the passphrase may be used, otherwise the first problem found.
 * `owner` adds the personal check (the CLI's keygen and the pane's 生成公钥 always pass it).
 */
export function passphraseProblem(passphrase: string, owner?: PassphraseOwner): PassphraseProblem | null {
  const p = passphrase.normalize('NFC');
  if ([...p].length < 10) return 'tooShort';
  if (/^\d+$/.test(p)) return 'allDigits';
  const folded = spellings(p);
  if (folded.some((f) => isCommon(f, p))) return 'common';
  if (owner && folded.some((f) => isPersonal(f, owner))) return 'personal';
  return null;
}
