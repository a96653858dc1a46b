import { toPinyin } from './pinyin.js';

/**
 * Provinces (and municipalities, autonomous regions, SARs) with their prefecture-level cities, short
 * names only: suffixes such as 省/市/自治州 are recognised by the parser. Domain data, kept here instead of
 * a large administrative-division dataset because matching needs names, not codes.
 */
const TABLE = `
北京: 北京
天津: 天津
上海: 上海
重庆: 重庆
河北: 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
山西: 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古: 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善
辽宁: 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
吉林: 长春 吉林 四平 辽源 通化 白山 松原 白城 延边
黑龙江: 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭
江苏: 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江: 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
安徽: 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建: 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西: 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东: 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南: 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源
湖北: 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架
湖南: 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西
广东: 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
广西: 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南: 海口 三亚 三沙 儋州
四川: 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山
贵州: 贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南
云南: 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆
西藏: 拉萨 日喀则 昌都 林芝 山南 那曲 阿里
陕西: 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
甘肃: 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南
青海: 西宁 海东 海北 黄南 果洛 玉树 海西
宁夏: 银川 石嘴山 吴忠 固原 中卫
新疆: 乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子
台湾: 台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义
香港: 香港
澳门: 澳门
`;

/** Romanisations used in English names that plain pinyin does not produce. */
const ENGLISH_NAMES: Record<string, string[]> = {
  陕西: ['shaanxi'],
  内蒙古: ['innermongolia'],
  西藏: ['tibet'],
  香港: ['hongkong', 'hk'],
  澳门: ['macau', 'macao'],
  哈尔滨: ['harbin'],
  乌鲁木齐: ['urumqi'],
  呼和浩特: ['hohhot'],
  拉萨: ['lhasa'],
  昌都: ['changdu'],
  喀什: ['kashi', 'kashgar'],
  台北: ['taipei'],
  高雄: ['kaohsiung'],
  台中: ['taichung'],
  基隆: ['keelung'],
  新竹: ['hsinchu'],
};

/** City names that are common words at the start of trade names (阿里巴巴, 朝阳…): only with a suffix. */
const NEEDS_SUFFIX = new Set(['阿里', '朝阳']);

export interface Region {
  /** Short Chinese name: 北京, 深圳, 广东. */
  name: string;
  /** Province short name; a municipality or SAR is its own province. */
  province: string;
  /** 'city' for prefecture-level cities and municipalities; 'province' otherwise. */
  level: 'province' | 'city';
  /** Lower-case toneless pinyin of the short name, for comparison with English names. */
  pinyin: string;
  provincePinyin: string;
}

const byName = new Map<string, Region>();
const byPinyin = new Map<string, Region>();

function pinyinOf(name: string): string {
  return toPinyin(name).replace(/ü/g, 'u');
}

for (const line of TABLE.split('\n')) {
  const [province, cities] = line.split(':');
  if (!province || !cities) continue;
  const provincePinyin = pinyinOf(province);
  const cityNames = cities.trim().split(' ');
  const municipality = cityNames.length === 1 && cityNames[0] === province;
  // A name that is both a province and a city (吉林, 海南) resolves to the province.
  byName.set(province, {
    name: province,
    province,
    level: municipality ? 'city' : 'province',
    pinyin: provincePinyin,
    provincePinyin,
  });
  for (const city of cityNames) {
    if (byName.has(city)) continue;
    byName.set(city, { name: city, province, level: 'city', pinyin: pinyinOf(city), provincePinyin });
  }
}
for (const region of byName.values()) {
  // First listed wins a pinyin collision (泰州/台州 both "taizhou"); English names cannot tell them apart.
  if (!byPinyin.has(region.pinyin)) byPinyin.set(region.pinyin, region);
  for (const alias of ENGLISH_NAMES[region.name] ?? []) byPinyin.set(alias, region);
}

const LONGEST_NAME = Math.max(...[...byName.keys()].map((n) => n.length));
const SUFFIX = /^(?:省|市|特别行政区|地区|盟|[\u4e00-\u9fff]{0,8}?自治(?:区|州))/;
const DISTRICT = /^[\u4e00-\u9fff]{1,3}?(?:新区|区|县)/;
// Words ending in 区 that are not districts: 社区通, 园区宝…
const NOT_DISTRICT = /^(?:社|园|小|景|片|营|校|专|展|街|山|市|矿|保税)区/;

export function regionByName(name: string): Region | undefined {
  return byName.get(name);
}

/** An English (pinyin) region word such as "beijing", "shenzhen", "hongkong". */
export function regionByPinyin(word: string): Region | undefined {
  return byPinyin.get(word);
}

const englishNames = new Set(Object.values(ENGLISH_NAMES).flat());

/** Whether `word` is a conventional English region name (hongkong, innermongolia) rather than pinyin. */
export function isEnglishRegionName(word: string): boolean {
  return englishNames.has(word);
}

export interface RegionMatch {
  region: Region;
  /** Characters consumed, suffix included. */
  length: number;
}

/** A region name (with an optional 省/市/自治州… suffix) at the start of `text`, longest first. */
export function matchRegionPrefix(text: string): RegionMatch | null {
  for (let len = Math.min(LONGEST_NAME, text.length); len >= 2; len--) {
    const region = byName.get(text.slice(0, len));
    if (!region) continue;
    const suffix = SUFFIX.exec(text.slice(len, len + 10))?.[0] ?? '';
    if (!suffix && NEEDS_SUFFIX.has(region.name)) continue;
    return { region, length: len + suffix.length };
  }
  return null;
}

/** Length of a district word (海淀区, 浦东新区, 南山区) at the start of `text`, or 0. */
export function matchDistrictPrefix(text: string): number {
  const match = DISTRICT.exec(text);
  if (!match || NOT_DISTRICT.test(text)) return 0;
  return match[0].length;
}

/** Whether two regions can describe the same place: equal, or a province and one of its cities. */
export function regionsCompatible(a: Region, b: Region): boolean {
  if (a.province !== b.province) return false;
  return a.name === b.name || a.level === 'province' || b.level === 'province';
}
