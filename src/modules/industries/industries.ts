import { GBT_4754 } from './gbt4754.js';

/**
 * Industry codes (GB/T 4754-2017 sections A–T and divisions 01–97): lookups, and the reading of free text
 * (an industry typed by hand, or the industry words of a company name) into a division where it can mean
 * only one. Pure.
 */
export interface Industry {
  code: string;
  zh: string;
  en: string;
  section: string;
}

const divisions = new Map<string, Industry>();
for (const section of GBT_4754)
  for (const division of section.divisions)
    divisions.set(division.code, { ...division, section: section.code });

export const INDUSTRY_TREE = GBT_4754;

export function findIndustry(code: string): Industry | undefined {
  return divisions.get(code);
}

export const isSection = (code: string) => GBT_4754.some((s) => s.code === code);

/** The division codes a filter means: a section letter stands for all its divisions. */
export function industryCodesFor(code: string): string[] {
  const section = GBT_4754.find((s) => s.code === code);
  return section ? section.divisions.map((d) => d.code) : divisions.has(code) ? [code] : [];
}

// Words of company names and hand-typed industries that mean one division. Words that could mean several
// (科技, 技术, 生物, 电子商务, 工程, 材料, 投资…) are left out: a wrong code is worse than none.
const WORDS: Record<string, string> = {
  软件: '65',
  软件开发: '65',
  信息技术: '65',
  信息科技: '65',
  计算机系统: '65',
  大数据: '65',
  云计算: '65',
  数据: '65',
  人工智能: '65',
  信息安全: '65',
  集成电路设计: '65',
  互联网: '64',
  网络科技: '64',
  网络技术: '64',
  通信: '63',
  通讯: '63',
  通信技术: '63',
  贸易: '51',
  商贸: '51',
  国际贸易: '51',
  进出口: '51',
  餐饮: '62',
  餐饮管理: '62',
  酒店: '61',
  物流: '58',
  供应链: '58',
  供应链管理: '58',
  房地产: '70',
  房地产开发: '70',
  置业: '70',
  物业: '70',
  物业管理: '70',
  装饰: '50',
  装饰工程: '50',
  安装: '49',
  教育: '83',
  教育科技: '83',
  培训: '83',
  医药: '27',
  药业: '27',
  制药: '27',
  医疗器械: '35',
  医疗: '84',
  广告: '72',
  文化传播: '72',
  传媒: '72',
  文化传媒: '72',
  营销: '72',
  策划: '72',
  咨询: '72',
  管理咨询: '72',
  企业管理: '72',
  人力资源: '72',
  劳务: '72',
  投资管理: '72',
  资产管理: '72',
  旅游: '72',
  影视: '87',
  体育: '89',
  娱乐: '90',
  互动娱乐: '90',
  金融: '69',
  金融服务: '69',
  保险: '68',
  证券: '67',
  基金: '67',
  银行: '66',
  食品: '14',
  服装: '18',
  服饰: '18',
  纺织: '17',
  家具: '21',
  印刷: '23',
  化工: '26',
  塑料: '29',
  钢铁: '31',
  五金: '33',
  汽车: '36',
  汽车销售: '52',
  汽车服务: '81',
  电气: '38',
  电器: '38',
  电子: '39',
  电子科技: '39',
  光电: '39',
  半导体: '39',
  芯片: '39',
  集成电路: '39',
  仪器: '40',
  仪表: '40',
  机械: '34',
  机电: '34',
  自动化: '34',
  设备: '34',
  新能源: '44',
  能源: '44',
  电力: '44',
  燃气: '45',
  石油: '07',
  矿业: '10',
  建材: '30',
  环保: '77',
  环保科技: '77',
  环境: '77',
  园林: '78',
  绿化: '78',
  农业: '01',
  农业科技: '01',
  设计: '74',
};
const longestWord = Math.max(...Object.keys(WORDS).map((w) => w.length));

/**
 * The division a text names, or null: the longest known words in it, and only if they agree. 网络科技 → 64;
 * 餐饮管理 → 62; 贸易 and 餐饮 together → null.
 */
export function industryFromText(text: string | null | undefined): Industry | null {
  if (!text) return null;
  const found = new Set<string>();
  for (let i = 0; i < text.length;) {
    let matched = 0;
    for (let len = Math.min(longestWord, text.length - i); len >= 2; len--) {
      const code = WORDS[text.slice(i, i + len)];
      if (code) {
        found.add(code);
        matched = len;
        break;
      }
    }
    i += matched || 1;
  }
  if (found.size !== 1) return null;
  return divisions.get([...found][0]!) ?? null;
}
