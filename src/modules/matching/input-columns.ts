import type { RecordInput } from './normalize.js';
import { toSimplified } from './text.js';

export type InputField = 'id' | 'name' | 'phone' | 'email' | 'website' | 'uscc' | 'address' | 'owner';

/** Header spellings (lower-cased, spaces and _ - removed) → field. */
const HEADERS: Record<string, InputField> = {};
/** Every header spelling the reader understands, by field (the import template lists them). */
export const SPELLINGS: Record<InputField, string[]> = {
  id: ['id', '编号', '客户编号', '客户id', 'customerid', '序号'],
  name: [
    'name',
    'company',
    'companyname',
    'customer',
    'customername',
    '客户名称',
    '公司名称',
    '企业名称',
    '名称',
    '客户',
  ],
  phone: [
    'phone',
    'tel',
    'telephone',
    'mobile',
    'phonenumber',
    '电话',
    '手机',
    '电话/手机',
    '联系电话',
    '手机号',
    '手机号码',
    '座机',
  ],
  email: ['email', 'mail', 'emailaddress', '邮箱', '电子邮箱', '邮件', '电子邮件'],
  website: ['website', 'web', 'url', 'site', 'homepage', '网址', '网站', '官网', '主页'],
  uscc: [
    'uscc',
    'creditcode',
    'socialcreditcode',
    'unifiedsocialcreditcode',
    '统一社会信用代码',
    '信用代码',
    '社会信用代码',
  ],
  address: ['address', 'addr', '地址', '注册地址', '办公地址', '公司地址', '详细地址'],
  // The login of the user who should hold the customer; an import honours it where its importer may assign.
  owner: [
    'owner',
    'ownerlogin',
    'login',
    '负责人',
    '负责人账号',
    '负责人登录名',
    '客户负责人',
    '归属人',
    '所属销售',
  ],
};
for (const [field, spellings] of Object.entries(SPELLINGS) as [InputField, string[]][]) {
  for (const spelling of spellings) HEADERS[spelling] = field;
}

/** Headers are matched simplified, so a list from Taiwan or Hong Kong (客戶名稱, 電話) is understood too. */
function headerKey(header: string): string {
  return toSimplified(header)
    .normalize('NFKC')
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface ColumnMap {
  /** Field per column position; null for columns we do not use. */
  fields: (InputField | null)[];
  unknown: string[];
  /** Required columns the header lacks: only the name; without an id column rows go by line number. */
  missing: InputField[];
  hasId: boolean;
}

/** Which column holds what. Several phone (or e-mail…) columns are all used; the first id/name column wins. */
export function mapColumns(headers: readonly string[]): ColumnMap {
  const fields: (InputField | null)[] = [];
  const unknown: string[] = [];
  const seen = new Set<InputField>();
  for (const header of headers) {
    const field = HEADERS[headerKey(header)] ?? null;
    if (!field) {
      if (header.trim()) unknown.push(header.trim());
      fields.push(null);
    } else if (
      (field === 'id' || field === 'name' || field === 'uscc' || field === 'owner') &&
      seen.has(field)
    ) {
      unknown.push(header.trim());
      fields.push(null);
    } else {
      fields.push(field);
      seen.add(field);
    }
  }
  const missing = seen.has('name') ? [] : (['name'] as InputField[]);
  return { fields, unknown, missing, hasId: seen.has('id') };
}

/** The values of one row as a record and its id; multi-column fields become lists. */
export function rowToRecord(map: ColumnMap, values: readonly string[]): { id: string; record: RecordInput } {
  let id = '';
  let name = '';
  let uscc = '';
  let address = '';
  let owner = '';
  const phone: string[] = [];
  const email: string[] = [];
  const website: string[] = [];
  for (let i = 0; i < map.fields.length; i++) {
    const value = (values[i] ?? '').trim();
    if (!value) continue;
    switch (map.fields[i]) {
      case 'id':
        id = value;
        break;
      case 'name':
        name = value;
        break;
      case 'uscc':
        uscc = value;
        break;
      case 'owner':
        owner = value;
        break;
      case 'address':
        address = address ? `${address} ${value}` : value;
        break;
      case 'phone':
        phone.push(value);
        break;
      case 'email':
        email.push(value);
        break;
      case 'website':
        website.push(value);
        break;
      case null:
      case undefined:
        break;
    }
  }
  return { id, record: { name, phone, email, website, uscc, address, ...(owner && { owner }) } };
}
