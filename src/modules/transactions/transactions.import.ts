import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Db } from '../../db/database.js';
import { invalid, type FieldProblem } from '../../errors.js';
import type { RequestContext } from '../access/index.js';
import { readRawRows } from '../matching/index.js';
import { transactionInput, type TransactionInput } from './transactions.schema.js';
import { recordTransactions, type Outcome, type Submitted } from './transactions.service.js';

/**
 * Transactions from a CSV (UTF-8 or GB18030, detected) or XLSX file, read by the same reader as customer
 * lists. One row is one line of a transaction; rows sharing an external id are the lines of one transaction
 * (the transaction's own columns are taken from its first row). Synchronous and all or nothing: every problem
 * is answered as `rows.<line>.<field>` and nothing is written unless every row is good. Re-importing a file
 * changes nothing; a corrected row produces a new version of its transaction.
 */

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const UPLOAD_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Column names the file may use (English or Chinese), by field. */
const COLUMNS: Record<string, readonly string[]> = {
  externalId: ['external_id', 'external id', '外部编号', '单号'],
  kind: ['kind', 'type', '类型'],
  accountId: ['account_id', 'customer_id', '客户id'],
  uscc: ['uscc', '统一社会信用代码'],
  name: ['customer', 'customer_name', '客户', '客户名称'],
  currency: ['currency', '币种'],
  transactionDate: ['transaction_date', 'date', '交易日期', '日期'],
  invoiceDate: ['invoice_date', '开票日期'],
  paidDate: ['paid_date', '付款日期'],
  productCode: ['product_code', 'product', '产品编码', '产品'],
  quantity: ['quantity', 'qty', '数量'],
  gross: ['gross', 'gross_amount', '总额', '金额'],
  discount: ['discount', '折扣'],
  net: ['net', 'net_amount', '净额'],
  margin: ['margin', '毛利'],
  correctionReason: ['correction_reason', '更正原因'],
  reversesExternalId: ['reverses_external_id', '原单号'],
};

const KINDS: Record<string, TransactionInput['kind']> = {
  order: 'order',
  订单: 'order',
  invoice: 'invoice',
  发票: 'invoice',
  payment: 'payment',
  付款: 'payment',
  回款: 'payment',
  return: 'return',
  退货: 'return',
  credit_note: 'credit_note',
  'credit note': 'credit_note',
  红字发票: 'credit_note',
  贷项通知单: 'credit_note',
};

const REQUIRED = ['externalId', 'kind', 'currency', 'transactionDate', 'productCode', 'gross'] as const;

function mapHeader(headers: readonly string[]): { index: Map<string, number>; problems: FieldProblem[] } {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [field, spellings] of Object.entries(COLUMNS))
      if (spellings.includes(name) && !index.has(field)) index.set(field, i);
  });
  const problems = REQUIRED.filter((f) => !index.has(f)).map((f) => ({
    field: `columns.${f}`,
    problem: 'missing',
    message: `no ${COLUMNS[f]![0]} column in the header`,
  }));
  if (!index.has('accountId') && !index.has('uscc') && !index.has('name'))
    problems.push({
      field: 'columns.customer',
      problem: 'missing',
      message: 'no account_id, uscc or customer column',
    });
  return { index, problems };
}

/** A date as spreadsheets write it: 2026-01-05 or 2026/1/5. */
function isoDate(text: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

export async function importTransactions(db: Db, ctx: RequestContext, filename: string, file: Buffer) {
  const format = extname(filename).toLowerCase();
  if (format !== '.csv' && format !== '.xlsx')
    throw invalid([{ field: 'filename', problem: 'format', message: 'must end in .csv or .xlsx' }]);
  const path = join(tmpdir(), `fairshare-transactions-${randomUUID()}${format}`);
  await writeFile(path, file);
  const rows: { line: number; values: string[] }[] = [];
  const problems: FieldProblem[] = [];
  let header: { index: Map<string, number>; problems: FieldProblem[] } | null = null;
  try {
    for await (const batch of readRawRows(path, (p) => {
      if (p.code !== 'ENCODING')
        problems.push({ field: `rows.${p.line}`, problem: p.code, message: p.message });
    }))
      for (const raw of batch) {
        if (!header) {
          header = mapHeader(raw.values);
          if (header.problems.length) throw invalid(header.problems);
          continue;
        }
        if (raw.problem?.fatal) {
          problems.push({
            field: `rows.${raw.line}`,
            problem: raw.problem.code,
            message: raw.problem.message,
          });
          continue;
        }
        if (raw.values.every((v) => v.trim() === '')) continue;
        rows.push({ line: raw.line, values: raw.values });
      }
  } finally {
    await rm(path, { force: true });
  }
  if (!header) throw invalid([{ field: 'file', problem: 'empty', message: 'has no header row' }]);
  const { index } = header as { index: Map<string, number> };
  const cell = (values: string[], field: string) => {
    const i = index.get(field);
    const v = i === undefined ? undefined : values[i]?.trim();
    return v ? v : undefined;
  };
  const groups = new Map<string, { line: number; values: string[] }[]>();
  for (const row of rows) {
    const id = cell(row.values, 'externalId');
    if (!id) {
      problems.push({ field: `rows.${row.line}.externalId`, problem: 'required', message: 'is required' });
      continue;
    }
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ field: 'file', problem: 'empty', message: 'has no rows' });
  const items: Submitted[] = [];
  for (const [externalId, group] of groups) {
    const first = group[0]!.values;
    const kindText = cell(first, 'kind') ?? '';
    const quantity = (v: string | undefined) => (v === undefined ? 1 : /^\d+$/.test(v) ? Number(v) : NaN);
    const candidate = {
      externalId,
      kind: KINDS[kindText.toLowerCase()] ?? kindText,
      customer: {
        ...(cell(first, 'accountId') && { accountId: cell(first, 'accountId') }),
        ...(cell(first, 'uscc') && { uscc: cell(first, 'uscc') }),
        ...(cell(first, 'name') && { name: cell(first, 'name') }),
      },
      currency: cell(first, 'currency')?.toUpperCase(),
      transactionDate: isoDate(cell(first, 'transactionDate') ?? ''),
      ...(cell(first, 'invoiceDate') && { invoiceDate: isoDate(cell(first, 'invoiceDate')!) }),
      ...(cell(first, 'paidDate') && { paidDate: isoDate(cell(first, 'paidDate')!) }),
      ...(cell(first, 'correctionReason') && { correctionReason: cell(first, 'correctionReason') }),
      ...(cell(first, 'reversesExternalId') && { reversesExternalId: cell(first, 'reversesExternalId') }),
      lines: group.map((row) => ({
        productCode: cell(row.values, 'productCode'),
        quantity: quantity(cell(row.values, 'quantity')),
        gross: cell(row.values, 'gross'),
        ...(cell(row.values, 'discount') && { discount: cell(row.values, 'discount') }),
        ...(cell(row.values, 'net') && { net: cell(row.values, 'net') }),
        ...(cell(row.values, 'margin') && { margin: cell(row.values, 'margin') }),
      })),
    };
    // A field of a line is reported on that line's row; the transaction's own fields on its first row.
    const name = (field: string) => {
      const m = /^lines\.(\d+)\.?(.*)$/.exec(field);
      if (m) return `rows.${group[Number(m[1])]?.line ?? group[0]!.line}.${m[2] || 'line'}`;
      return `rows.${group[0]!.line}.${field}`;
    };
    const parsed = transactionInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ field: name(issue.path.join('.')), problem: issue.code, message: issue.message });
      continue;
    }
    items.push({ input: parsed.data, name });
  }
  if (problems.length) throw invalid(problems);
  const results = await recordTransactions(db, ctx, items, 'import');
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return {
    created: count('created'),
    unchanged: count('unchanged'),
    corrected: count('corrected'),
    items: results,
  };
}
