/**
 * The enrolment rule (issue 11): what an offline guesser tries first is refused — short, digits,
 * the bundled common list, decorated common words, keyboard walks, repeats, and the person's
 * own name (as written and in pinyin), id or department with a weak rest. Sentences only the
 * person knows pass, and nothing the old rule refused is accepted now.
 */
import fc from 'fast-check';
import { COMMON_PASSWORDS, COMMON_WORDS } from '../../src/core/crypto/common-passwords';
import { fold, passphraseProblem, personalTokens } from '../../src/core/crypto/passphrase';
import { namePinyin } from '../../src/core/crypto/name-pinyin';

const zhangWei = { id: 'p01', name: '张伟', dept: '纪委监察局' };
const ouyang = { id: 'a17', name: '欧阳明华' };

describe('the old rule still holds', () => {
  it.each(['short', '123456789', '一二三四五六七八九'])('%s is too short', (p) => expect(passphraseProblem(p)).toBe('tooShort'));
  it('all digits', () => {
    expect(passphraseProblem('19851231000000')).toBe('allDigits');
  });
  it('never accepts what the old rule refused (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const old = [...s.normalize('NFC')].length < 10 || /^\d+$/.test(s.normalize('NFC'));
        if (old) expect(passphraseProblem(s)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('common passwords and patterns', () => {
  it.each([
    'password123',
    'Password2026!',
    'P@ssw0rd2026',
    'iloveyou1314',
    'woaini1314520',
    'Woaini@5201314',
    'qwertyuiop',
    'QWERTY123456',
    '1qaz2wsx3edc',
    '1q2w3e4r5t6y',
    'zxcvbnm,./123',
    'abcdefghij',
    'abc1234567890',
    'x9384729105',
    'aaaaaaaaaaaa',
    'abababababab',
    'passwordpassword',
    'abcabcabcabc',
    '!!!!!!!!!!!!',
    'admin123456',
    'scoreseal2026',
    'qweasdzxc123',
    '0987654321abc',
  ])('%s is common', (p) => expect(passphraseProblem(p)).toBe('common'));

  it('every bundled entry of ten or more characters is refused', () => {
    for (const p of COMMON_PASSWORDS.filter((w) => w.length >= 10)) expect([p, passphraseProblem(p)]).toEqual([p, 'common']);
  });

  it('the bundled lists are stored folded (so a lookup can match them)', () => {
    for (const w of [...COMMON_PASSWORDS, ...COMMON_WORDS]) expect(fold(w)).toBe(w);
  });
});

describe("the person's own name, id or department", () => {
  it('pinyin of common names, either order, initials', () => {
    expect(namePinyin('张伟')).toEqual([{ surname: ['zhang'], given: ['wei'] }]);
    expect(namePinyin('欧阳明华')[0]).toEqual({ surname: ['ouyang'], given: ['ming', 'hua'] });
    expect(namePinyin('曾乐').length).toBe(4); // zeng|ceng × le|yue
    expect(namePinyin('John Smith')).toEqual([]);
    expect(personalTokens(zhangWei)).toEqual(expect.arrayContaining(['zhangwei', 'weizhang', 'zw', 'zhang', 'p01', '张伟', '纪委监察局']));
  });

  it.each([
    'zhangwei1985',
    'ZhangWei@19850612',
    'weizhang2026',
    'zw19850612abc',
    '张伟张伟19850612',
    'p01p01p01p01',
    'p01-zhangwei-2026',
    '纪委监察局2026年',
    'zhangwei-woaini',
  ])('%s is personal for 张伟 (p01)', (p) =>
    expect(passphraseProblem(p, zhangWei)).toBe(passphraseProblem(p) === 'common' ? 'common' : 'personal'),
  );

  it('a compound surname', () => {
    expect(passphraseProblem('ouyangminghua88', ouyang)).toBe('personal');
    expect(passphraseProblem('mhouyang1990', ouyang)).toBe('personal');
  });

  it('the same passphrase is fine for someone else', () => {
    expect(passphraseProblem('zhangwei1985', { id: 'p02', name: '刘芳' })).toBeNull();
  });

  it('a name inside a real sentence is fine', () => {
    expect(passphraseProblem('zhangwei likes green tea at dawn', zhangWei)).toBeNull();
    expect(passphraseProblem('张伟每周三去河边钓鱼', zhangWei)).toBeNull();
  });
});

describe('sentences only the person knows pass', () => {
  it.each([
    'correct horse battery staple',
    '城关镇的桂花今年开得很晚',
    'my 3rd bike was a red Phoenix',
    'Tq8#mVz2Lp',
    'demo-passphrase-p01', // the bundled sample's (not a recommendation)
  ])('%s', (p) => expect(passphraseProblem(p, zhangWei)).toBeNull());
});
