/**
 * China's 34 provincial-level divisions as a tile-grid map: each a square at a fixed cell that keeps its
 * neighbours roughly where they are on a map (a common cartographic technique). The app bundles no China
 * outline: ECharts stopped shipping one, published China maps need a survey approval number (审图号), and
 * the packages that still carry one are unmaintained copies of unclear origin. Columns run west → east,
 * rows north → south. Pure data.
 */
export interface ProvinceTile {
  /** GB/T 2260 province code, XX0000. */
  code: string;
  /** Short Chinese name as maps print it. */
  zh: string;
  en: string;
  /** ISO 3166-2:CN subdivision letters, for cells too small for the English name. */
  abbr: string;
  col: number;
  row: number;
}

export const GRID_COLUMNS = 8;
export const GRID_ROWS = 8;

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: '230000', zh: '黑龙江', en: 'Heilongjiang', abbr: 'HL', col: 7, row: 0 },
  { code: '150000', zh: '内蒙古', en: 'Inner Mongolia', abbr: 'NM', col: 4, row: 1 },
  { code: '110000', zh: '北京', en: 'Beijing', abbr: 'BJ', col: 5, row: 1 },
  { code: '220000', zh: '吉林', en: 'Jilin', abbr: 'JL', col: 7, row: 1 },
  { code: '650000', zh: '新疆', en: 'Xinjiang', abbr: 'XJ', col: 0, row: 2 },
  { code: '620000', zh: '甘肃', en: 'Gansu', abbr: 'GS', col: 1, row: 2 },
  { code: '640000', zh: '宁夏', en: 'Ningxia', abbr: 'NX', col: 2, row: 2 },
  { code: '140000', zh: '山西', en: 'Shanxi', abbr: 'SX', col: 3, row: 2 },
  { code: '130000', zh: '河北', en: 'Hebei', abbr: 'HE', col: 4, row: 2 },
  { code: '120000', zh: '天津', en: 'Tianjin', abbr: 'TJ', col: 5, row: 2 },
  { code: '210000', zh: '辽宁', en: 'Liaoning', abbr: 'LN', col: 6, row: 2 },
  { code: '630000', zh: '青海', en: 'Qinghai', abbr: 'QH', col: 1, row: 3 },
  { code: '610000', zh: '陕西', en: 'Shaanxi', abbr: 'SN', col: 2, row: 3 },
  { code: '410000', zh: '河南', en: 'Henan', abbr: 'HA', col: 3, row: 3 },
  { code: '370000', zh: '山东', en: 'Shandong', abbr: 'SD', col: 4, row: 3 },
  { code: '540000', zh: '西藏', en: 'Xizang', abbr: 'XZ', col: 0, row: 4 },
  { code: '510000', zh: '四川', en: 'Sichuan', abbr: 'SC', col: 1, row: 4 },
  { code: '500000', zh: '重庆', en: 'Chongqing', abbr: 'CQ', col: 2, row: 4 },
  { code: '420000', zh: '湖北', en: 'Hubei', abbr: 'HB', col: 3, row: 4 },
  { code: '340000', zh: '安徽', en: 'Anhui', abbr: 'AH', col: 4, row: 4 },
  { code: '320000', zh: '江苏', en: 'Jiangsu', abbr: 'JS', col: 5, row: 4 },
  { code: '310000', zh: '上海', en: 'Shanghai', abbr: 'SH', col: 6, row: 4 },
  { code: '530000', zh: '云南', en: 'Yunnan', abbr: 'YN', col: 1, row: 5 },
  { code: '520000', zh: '贵州', en: 'Guizhou', abbr: 'GZ', col: 2, row: 5 },
  { code: '430000', zh: '湖南', en: 'Hunan', abbr: 'HN', col: 3, row: 5 },
  { code: '360000', zh: '江西', en: 'Jiangxi', abbr: 'JX', col: 4, row: 5 },
  { code: '330000', zh: '浙江', en: 'Zhejiang', abbr: 'ZJ', col: 5, row: 5 },
  { code: '450000', zh: '广西', en: 'Guangxi', abbr: 'GX', col: 2, row: 6 },
  { code: '440000', zh: '广东', en: 'Guangdong', abbr: 'GD', col: 3, row: 6 },
  { code: '350000', zh: '福建', en: 'Fujian', abbr: 'FJ', col: 4, row: 6 },
  { code: '710000', zh: '台湾', en: 'Taiwan', abbr: 'TW', col: 5, row: 6 },
  { code: '460000', zh: '海南', en: 'Hainan', abbr: 'HI', col: 2, row: 7 },
  { code: '820000', zh: '澳门', en: 'Macao', abbr: 'MO', col: 3, row: 7 },
  { code: '810000', zh: '香港', en: 'Hong Kong', abbr: 'HK', col: 4, row: 7 },
];

const byCode = new Map(PROVINCE_TILES.map((p) => [p.code, p]));

/** The province tile a GB/T 2260 code lies in (a city or district finds its province). */
export function provinceOf(code: string): ProvinceTile | undefined {
  return /^\d{6}$/.test(code) ? byCode.get(`${code.slice(0, 2)}0000`) : undefined;
}

/** A province's name in the UI language: the map's short Chinese name, or the English one. */
export const provinceName = (tile: ProvinceTile, language: string) => (language === 'en' ? tile.en : tile.zh);
