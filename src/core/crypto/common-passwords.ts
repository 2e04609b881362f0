/**
 * A small bundled list for the enrolment rule (issue 11): passwords of ten or more characters
 * that recur at the top of published leak-frequency lists (English and Chinese sites), and the
 * base words people decorate with digits and symbols ("password2026!", "woaini1314520").
 * Every entry is stored folded (lower case, letters and digits only: see `fold` in
 * passphrase.ts), so "P@ss word-123" style spellings meet the same entry. Shipped in the repo:
 * nothing is downloaded. It is deliberately small (the whole rule is in passphrase.ts): the
 * pattern checks there catch the long tail of walks, repeats and decorated words.
 */

/** Whole passwords (folded), ten or more characters once folded. */
// prettier-ignore
export const COMMON_PASSWORDS: readonly string[] = [
  // English-language leak lists
  'qwertyuiop', 'password123', 'password1234', 'password12', 'iloveyou123', 'iloveyou12',
  'princess123', 'football123', 'baseball123', 'sunshine123', 'superman123', 'starwars123',
  'trustno1234', 'welcome123', 'welcome1234', 'letmein123', 'letmein1234', 'monkey12345',
  'dragon12345', 'master12345', 'qwerty12345', 'qwerty123456', 'qwertyuiop123', 'asdfghjkl123',
  'zxcvbnm123', 'zxcvbnm1234', 'zxcvbnm12345', 'abcdefghij', 'abcdefghijk', 'abcdefg123',
  'abcdef123456', 'abc1234567', 'abc12345678', 'abc123456789', 'abcd123456', 'abcd1234567',
  'a1234567890', 'a123456789', 'aa123456789', 'aaa123456789', 'q1w2e3r4t5', 'q1w2e3r4t5y6',
  '1q2w3e4r5t', '1q2w3e4r5t6y', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'qazwsxedcrfv', 'qazwsxedc123',
  'zaq12wsxcde3', 'zaq1xsw2cde3', '1qazxsw23edc', 'passw0rd123', 'p4ssw0rd123', 'changeme123',
  'administrator', 'admin123456', 'admin12345', 'administrator1', 'rootroot123', 'computer123',
  'internet123', 'michael123', 'jennifer123', 'jordan23jordan', 'liverpool123', 'chelsea123',
  'arsenal1234', 'manchester', 'manchesterunited', 'blink182blink', 'mypassword', 'mypassword1',
  'mypassword123', 'thisismypassword', 'passwordpassword', 'iloveyouiloveyou', 'loveyouforever',
  'iloveyoubaby', 'iloveyousomuch', 'teamomucho', 'secretpassword', 'qwertyqwerty', 'asdfasdfasdf',
  'qweasdzxc123', 'qweasdzxc', 'qweasdzxcqwe', 'qwe123qwe123', 'asd123asd123', 'zxc123zxc123',
  'logitech123', 'samsung123', 'microsoft1', 'microsoft123', 'google1234', 'facebook123',
  'whatever123', 'nothing1234', 'fuckyou123', 'blahblahblah', 'hellokitty1', 'hellokitty123',
  'helloworld', 'helloworld1', 'helloworld123', 'goodluck123', 'happy12345', 'happybirthday',
  'freedom1234', 'pokemon1234', 'naruto12345', 'butterfly123', 'spiderman123', 'batman12345',
  'qwerty1234567890', 'password1234567890', 'useruser123', 'testtest123', 'test123456',
  'guest123456', 'default123', 'letmeinnow', 'opensesame', 'trustnoone', 'ncc1701ncc1701',
  // Chinese sites (pinyin, phone-keyboard and number-speak habits)
  'woaini1314', 'woaini520', 'woaini1314520', 'woaini5201314', 'woainima', 'woainimama',
  'woainibaobao', 'woaiwojia', 'woaiwolaopo', 'woaiwolaogong', 'woaizhongguo', 'iloveyou1314',
  'iloveyou5201314', 'aini1314520', 'aini5201314', 'wangyi123456', 'baidu123456', 'taobao123456',
  'qq123456789', 'qq1234567890', 'qwe123456789', 'asd123456789', 'zxc123456789', 'abc123456abc',
  'wang123456', 'wang1234567', 'zhang123456', 'zhang1234567', 'li12345678', 'liu123456789',
  'chen123456', 'chen1234567', 'yang123456', 'huang123456', 'zhao123456', 'wu123456789',
  'zhou123456', 'xu123456789', 'sun123456789', 'ma123456789', 'hu123456789', 'zhu123456789',
  'lin123456789', 'guo123456789', 'he123456789', 'gao123456789', 'luo123456789', 'zheng123456',
  'xiaoming123', 'xiaohong123', 'zhangsan123', 'lisi123456', 'wangwu123456', 'zhangwei123',
  'wangwei123', 'wangfang123', 'liwei123456', 'lina123456', 'zhangmin123', 'lijing123456',
  'wangjing123', 'liuyang123456', 'zhongguo123', 'zhonghua123', 'beijing123', 'beijing2008',
  'shanghai123', 'guangzhou123', 'shenzhen123', 'chengdu123456', 'nihao123456', 'nihaoma123',
  'xiexie123456', 'tiantian123', 'kuaile123456', 'xingfu123456', 'pingan123456', 'wodemima',
  'wodemima123', 'mimamima', 'mima12345678', 'mima123456789', 'zhanghao123', 'yonghu123456',
  'guanliyuan', 'guanliyuan123', 'kaoping123456', 'kaohe123456', 'zhengfu123456', 'dangwei123',
  'jiwei123456', 'zuzhibu123', 'bangongshi123', 'a5201314520', 'l5201314520', 'woshishui',
  'woshishui123', 'wodemingzi', 'zhuzhuxia', 'xiaozhuzhu', 'dabaobei', 'baobei520', 'baobei1314',
  'laopo520520', 'laogong520', 'meimei123456', 'gege123456', 'jiejie123456', 'didi123456',
  'qwer1234qwer', 'asdf1234asdf', 'zxcv1234zxcv', '1234qwerasdf', '1234abcd1234', 'abcd1234abcd',
  'abc123abc123', 'a1b2c3d4e5', 'a1b2c3d4e5f6', 'a1s2d3f4g5', 'z1x2c3v4b5', 'aaaa1111',
  'qqqq1111', 'ww123456789', 'zz123456789', 'aa1234567890', 'qwertyuiopasdfghjkl',
];

/**
 * Base words: a passphrase that is one of these with only digits and symbols around it
 * ("Password2026!", "woaini@1314") is as guessable as the word itself.
 */
// prettier-ignore
export const COMMON_WORDS: readonly string[] = [
  'password', 'passw0rd', 'p4ssw0rd', 'passwd', 'passphrase', 'iloveyou', 'loveyou', 'princess',
  'football', 'baseball', 'sunshine', 'superman', 'starwars', 'welcome', 'letmein', 'monkey',
  'dragon', 'master', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm',
  'admin', 'administrator', 'root', 'computer', 'internet', 'michael', 'jennifer', 'shadow',
  'secret', 'changeme', 'default', 'guest', 'test', 'user', 'login', 'hello', 'helloworld',
  'whatever', 'freedom', 'trustno', 'abcdef', 'abcdefg', 'abcdefgh', 'qazwsx', 'qweasd',
  'qweasdzxc', 'woaini', 'woainima', 'woaiwojia', 'aini', 'wodemima', 'mima', 'mimamima',
  'nihao', 'zhongguo', 'zhonghua', 'beijing', 'shanghai', 'baobei', 'laopo', 'laogong',
  'xingfu', 'kuaile', 'pingan', 'tiantian', 'guanliyuan', 'yonghu', 'zhanghao', 'kaohe',
  'kaoping', 'zhengfu', 'scoreseal', 'excel', 'office', 'microsoft', 'windows', 'china',
];
