/**
 * Pinyin of the characters common in Chinese personal names (the commonest surnames and
 * given-name characters, with the readings used in names), for the enrolment rule's personal
 * check: "zhangwei1985" is the first guess against 张伟. Names with a character outside this
 * table are checked as written (and by id) only. Tones are dropped, ü is written v.
 */

const TABLE = `
王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu
郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao
彭peng 曾zeng|ceng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng
苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin
石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin
薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan
钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 常chang 温wen 康kang 施shi 文wen 牛niu
樊fan 葛ge 邢xing 安an 齐qi 易yi 乔qiao 伍wu 庞pang 颜yan 倪ni 庄zhuang 聂nie 章zhang 鲁lu 岳yue
翟zhai 殷yin 詹zhan 申shen 欧ou 耿geng 关guan 兰lan 焦jiao 俞yu 左zuo 柳liu 甘gan 祝zhu 包bao
宁ning 尚shang 符fu 舒shu 阮ruan 柯ke 纪ji 梅mei 童tong 凌ling 毕bi 单shan|dan 季ji 裴pei 霍huo
涂tu 成cheng 苗miao 谷gu 盛sheng 曲qu 翁weng 冉ran 骆luo 蓝lan 路lu 游you 辛xin 靳jin 管guan
柴chai 蒙meng 鲍bao 华hua 喻yu 祁qi 蒲pu 房fang 滕teng 屈qu 饶rao 解xie|jie 牟mou 艾ai 尤you
阳yang 时shi 穆mu 农nong 司si 卓zhuo 古gu 吉ji 缪miao 简jian 车che 项xiang 连lian 芦lu 麦mai
褚chu 娄lou 窦dou 戚qi 岑cen 景jing 党dang 宫gong 费fei 卜bu 冷leng 晏yan 席xi 卫wei 米mi
柏bai 宗zong 瞿qu 桂gui 全quan 佟tong 应ying 臧zang 闵min 苟gou 邬wu 边bian 卞bian 姬ji 师shi
和he 仇qiu|chou 栾luan 隋sui 商shang 刁diao 沙sha 荣rong 巫wu 寇kou 桑sang 郎lang 甄zhen 丛cong
仲zhong 虞yu 敖ao 巩gong 明ming 佘she 池chi 查zha|cha 麻ma 苑yuan 迟chi 邝kuang 朴piao|pu 乐le|yue
欧阳ouyang 上官shangguan 司马sima 诸葛zhuge 东方dongfang 皇甫huangfu 尉迟yuchi 公孙gongsun
慕容murong 令狐linghu 司徒situ 夏侯xiahou 长孙zhangsun 宇文yuwen
伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao
超chao 秀xiu 霞xia 平ping 刚gang 英ying 玉yu 红hong 辉hui 鑫xin 波bo 斌bin 宇yu 浩hao
凯kai 健jian 俊jun 帆fan 帅shuai 旭xu 欣xin 佳jia 婷ting 雪xue 慧hui 琳lin 晶jing 颖ying 倩qian
蕾lei 薇wei 莉li 燕yan 萍ping 琴qin 云yun 凤feng 珍zhen 丹dan 国guo 建jian 志zhi 海hai 峰feng
亮liang 东dong 鹏peng 飞fei 新xin 晓xiao 小xiao 春chun 立li 永yong 德de 生sheng 福fu 玲ling
莹ying 璐lu 瑶yao 怡yi 欢huan 晨chen 昊hao 天tian 博bo 然ran 子zi 轩xuan 涵han 梓zi 睿rui 泽ze
宏hong 振zhen 家jia 中zhong 山shan 仁ren 义yi 礼li 智zhi 信xin 忠zhong 孝xiao 良liang 庆qing
喜xi 祥xiang 瑞rui 光guang 耀yao 彬bin 坤kun 毅yi 鸿hong 锋feng 兵bing 民min 学xue 力li 贵gui
胜sheng 利li 发fa 兴xing 顺shun 昌chang 隆long 财cai 富fu 宝bao 珠zhu 琪qi 瑜yu 萱xuan 悦yue
诗shi 雨yu 思si 梦meng 晴qing 月yue 冰bing 清qing 洁jie 淑shu 惠hui 贤xian 容rong 翠cui 彩cai
爱ai 娇jiao 妍yan 媛yuan 嘉jia 琦qi 菲fei 露lu 霖lin 哲zhe 宸chen 逸yi 航hang 铭ming 豪hao 骏jun
楠nan 鹤he 松song 竹zhu 桃tao 杏xing 荷he 菊ju 蓉rong 芬fen 芸yun 莲lian 秋qiu 冬dong 维wei
巍wei 威wei 炜wei 蔚wei 玮wei 为wei 虹hong 洪hong 弘hong 一yi 二er 三san 四si 五wu 六liu 七qi
八ba 九jiu 十shi 大da 保bao 长chang|zhang 河he 湖hu 川chuan 岩yan 君jun 臣chen 友you 朋peng
亚ya 美mei 凡fan 晖hui 灿can 烨ye 煜yu 炎yan 焱yan 森sen 彤tong 雯wen 婉wan 娅ya 婕jie 姝shu
妮ni 姗shan 嫣yan 琼qiong 瑾jin 璇xuan 珊shan 玥yue 钰yu 铮zheng 锐rui 钧jun 锦jin 益yi 奇qi
继ji 承cheng 先xian 世shi 树shu 培pei 根gen 本ben 正zheng 道dao 之zhi 翔xiang 恒heng 晟sheng
泉quan 源yuan 浪lang 潇xiao 沛pei 淼miao 滨bin 渊yuan 添tian 意yi 心xin 雅ya 婧jing 靖jing
敬jing 京jing 菁jing 星xing 辰chen 琛chen 曦xi 希xi 熙xi 溪xi 茜qian 芊qian 谦qian 乾qian
晗han 寒han 函han 含han 菡han 皓hao 灏hao 好hao 越yue 跃yue 兰lan 梅mei 桂gui 华hua 荣rong
金jin 银yin 铁tie 钢gang 宁ning 静jing 安an 康kang 健jian 春chun 夏xia 秋qiu 冬dong 元yuan
开kai 启qi 明ming 朗lang 达da 远yuan 志zhi 鹏peng 举ju 进jin 前qian 红hong 卫wei 革ge 向xiang
阳yang 群qun 芹qin 勤qin 琪qi 祺qi 麒qi 岚lan 澜lan 蓝lan 斐fei 婵chan 蝉chan 娥e 凤feng 鸣ming
声sheng 音yin 韵yun 馨xin 芯xin 昕xin 忻xin 炫xuan 萌meng 蒙meng 盼pan 妙miao 淳chun 纯chun
重zhong|chong 行xing|hang 尉wei|yu 柔rou 蕊rui 若ruo 如ru 茹ru 儒ru 汝ru 笑xiao 筱xiao 宵xiao
`;

const READINGS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const entry of TABLE.split(/\s+/)) {
    const m = /^(\p{Script=Han}+)([a-z|]+)$/u.exec(entry);
    if (!m) continue;
    const readings = m[2]!.split('|');
    const have = map.get(m[1]!) ?? [];
    for (const r of readings) if (!have.includes(r)) have.push(r);
    map.set(m[1]!, have);
  }
  return map;
})();

/** One way to read a name: the surname's syllables and the given name's. */
export interface NameSpelling {
  readonly surname: readonly string[];
  readonly given: readonly string[];
}

/** At most this many spellings of one name (polyphonic characters multiply them). */
const MAX_SPELLINGS = 16;

/**
 * The pinyin spellings of a Chinese name (surname first; a compound surname such as 欧阳 when
 * the name starts with one and is three or more characters long), or none when a character is
 * not in the table or the name is not two to four Han characters.
 */
export function namePinyin(name: string): NameSpelling[] {
  const chars = [...name.normalize('NFC').replace(/[\s·•]/gu, '')];
  if (chars.length < 2 || chars.length > 4 || !chars.every((c) => /\p{Script=Han}/u.test(c))) return [];
  const compound = chars.length >= 3 ? READINGS.get(chars[0]! + chars[1]!) : undefined;
  const surnameReadings = compound ?? READINGS.get(chars[0]!);
  const givenChars = chars.slice(compound ? 2 : 1);
  if (!surnameReadings) return [];
  let spellings: NameSpelling[] = surnameReadings.map((s) => ({ surname: [s], given: [] }));
  for (const c of givenChars) {
    const readings = READINGS.get(c);
    if (!readings) return [];
    spellings = spellings.flatMap((sp) => readings.map((r) => ({ surname: sp.surname, given: [...sp.given, r] }))).slice(0, MAX_SPELLINGS);
  }
  return spellings;
}
