/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registering authority, organisation type, six-digit
 * administrative division, nine-character organisation code, one check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const VALUE = new Map([...ALPHABET].map((ch, i) => [ch, i]));
const CHARSET = /^[0-9ABCDEFGHJKLMNPQRTUWXY]+$/;

export type UsccProblem = 'length' | 'charset' | 'division' | 'check';

export interface UsccResult {
  /** Upper-cased, spaces and dashes removed; present even when invalid so it can be shown. */
  code: string;
  valid: boolean;
  problem: UsccProblem | null;
}

/** The check character for the first 17 characters, or null when they use letters outside the code set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = VALUE.get(first17[i] ?? '');
    if (value === undefined) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check] ?? null;
}

export function normalizeUscc(raw: string | null | undefined): UsccResult | null {
  if (!raw) return null;
  const code = raw.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  if (!code) return null;
  if (code.length !== 18) return { code, valid: false, problem: 'length' };
  if (!CHARSET.test(code)) return { code, valid: false, problem: 'charset' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { code, valid: false, problem: 'division' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { code, valid: false, problem: 'check' };
  return { code, valid: true, problem: null };
}

/** GB/T 2260 province codes: the first two digits of the division part of a USCC. */
const PROVINCE_CODES: Record<string, string> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
};

/**
 * The province where a (valid) USCC was issued, from its division code; null for national registrations
 * (100000) and unknown codes. A company keeps its code for life, so this is where it was registered.
 */
export function usccProvince(code: string): string | null {
  return PROVINCE_CODES[code.slice(2, 4)] ?? null;
}
