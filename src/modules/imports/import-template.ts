import type { Writable } from 'node:stream';
import { csvField } from '../../kernel/spreadsheet.js';
import { writeSheets } from '../../kernel/index.js';
import { COLUMN_SPELLINGS, type InputField } from '../matching/index.js';

/**
 * The customer list template people download before an import: the columns the importer recognises, headed
 * in Chinese, with English alternatives, what each holds, and an example. The example is on the notes (a
 * sheet of its own in XLSX, # lines in CSV, which the reader skips), so a template filled in without deleting
 * it imports no sample company.
 */
interface TemplateColumn {
  field: InputField;
  header: string;
  english: string;
  required: boolean;
  zh: string;
  en: string;
  example: string;
}

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    field: 'id',
    header: '编号',
    english: 'id',
    required: false,
    zh: '您系统里的客户编号，每行唯一；没有此列时按行号识别',
    en: 'your own customer id, unique per row; without it rows go by line number',
    example: 'C0001',
  },
  {
    field: 'name',
    header: '客户名称',
    english: 'name',
    required: true,
    zh: '公司全称或简称（必填）',
    en: 'the company’s full or short name (required)',
    example: '北京示例科技有限公司',
  },
  {
    field: 'phone',
    header: '电话',
    english: 'phone',
    required: false,
    zh: '座机或手机；一格可填多个，用 / 或 ; 分隔；可有多列',
    en: 'landline or mobile; several in one cell separated by / or ;, or several columns',
    example: '010-6212 3456 / 138 0013 8000',
  },
  {
    field: 'email',
    header: '邮箱',
    english: 'email',
    required: false,
    zh: '电子邮箱；一格可填多个，用 ; 分隔',
    en: 'e-mail addresses, several separated by ;',
    example: 'info@example.cn',
  },
  {
    field: 'website',
    header: '网址',
    english: 'website',
    required: false,
    zh: '公司网站',
    en: 'the company’s website',
    example: 'www.example.cn',
  },
  {
    field: 'uscc',
    header: '统一社会信用代码',
    english: 'uscc',
    required: false,
    zh: '18 位统一社会信用代码，校验位会被检查',
    en: 'the 18-character unified social credit code; its check character is verified',
    example: '91110108MA01XXXXXX',
  },
  {
    field: 'address',
    header: '地址',
    english: 'address',
    required: false,
    zh: '注册或办公地址',
    en: 'registered or office address',
    example: '北京市海淀区中关村大街 1 号',
  },
  {
    field: 'owner',
    header: '负责人',
    english: 'owner',
    required: false,
    zh: '负责该客户的用户登录名；仅管理员、销售运营（或经理对本团队成员）可指定，否则由导入人负责',
    en: 'login of the user who holds the customer; honoured for admins and sales ops (a manager: their team), else the importer holds it',
    example: 'zhangsan',
  },
];

const NOTE_HEADER = [
  '列名',
  'English',
  '必填 required',
  '说明',
  'Meaning',
  '示例 example',
  '也可写作 also accepted',
];

function noteRows(): string[][] {
  return TEMPLATE_COLUMNS.map((c) => [
    c.header,
    c.english,
    c.required ? '是 yes' : '否 no',
    c.zh,
    c.en,
    c.example,
    COLUMN_SPELLINGS[c.field].filter((s) => s !== c.header && s !== c.english).join(' / '),
  ]);
}

/** CSV: the header, then notes on # lines (UTF-8 with a BOM, so Excel reads the Chinese). */
export function templateCsv(): string {
  const lines = [TEMPLATE_COLUMNS.map((c) => csvField(c.header)).join(',')];
  lines.push(
    csvField(
      '# 每行一个客户，写在本说明之前或之后均可；以 # 开头的行不会导入。One customer per row; lines starting with # are not imported.',
    ),
  );
  for (const row of noteRows()) {
    const [header, english, required, zh, en, example] = row;
    lines.push(csvField(`# ${header} (${english}), ${required}: ${zh}; ${en}. 示例 e.g. ${example}`));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** XLSX: a sheet to fill in (the header alone) and a sheet explaining each column with an example. */
export function writeTemplateXlsx(out: Writable): Promise<void> {
  return writeSheets(out, [
    { name: '客户 customers', header: TEMPLATE_COLUMNS.map((c) => c.header), rows: [] },
    { name: '说明 notes', header: NOTE_HEADER, rows: noteRows() },
  ]);
}
