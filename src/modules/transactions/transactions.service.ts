import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { canonicalize, runWork, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { accountFeatures, findDuplicates } from '../accounts/index.js';
import { fromMinor, minorDigits } from '../activities/index.js';
import { addDays, startOfLocalDate } from '../ownership/index.js';
import { recordCredit } from './credit.service.js';
import { convertMinor, rateOn } from './exchange.js';
import { checkTransactionInput, type CheckedLine } from './transaction-input.js';
import * as repo from './transactions.repo.js';
import type { ListTransactionsQuery, TransactionInput, TransactionView } from './transactions.schema.js';
import { creditView, splitView } from './views.js';

/**
 * Recording transactions: one use case for the API (single and batch) and for files. All or nothing: every
 * problem of every item is found before anything is written and answered together, each naming its field
 * (`items.3.lines.0.gross`, `rows.7.gross`); one bad item writes nothing.
 *
 * Idempotent by external id: the same content again is `unchanged` (nothing written); different content is
 * a correction — a new version linked to the old (`supersedes_id`), audited with both, the old version's
 * credit superseded and credit derived afresh (an approved manual split of the transaction carries over).
 */

export interface Submitted {
  input: TransactionInput;
  /** How a field of this item is named in a reply (the batch index, the file's line). */
  name: (field: string) => string;
}

export type Outcome = 'created' | 'unchanged' | 'corrected';

interface Resolved {
  submitted: Submitted;
  lines: (CheckedLine & { productId: string })[];
  accountId: string;
  customerRef: Record<string, unknown>;
  base: { currency: string; net: bigint; rate: string; rateDate: string | null };
}

const lockKey = (externalId: string) => `transaction:${externalId}`;

/** What makes two sends of one external id the same: everything recorded, after resolution. */
function contentHash(r: Resolved): string {
  const i = r.submitted.input;
  return createHash('sha256')
    .update(
      canonicalize({
        kind: i.kind,
        accountId: r.accountId,
        currency: i.currency,
        transactionDate: i.transactionDate,
        invoiceDate: i.invoiceDate ?? null,
        paidDate: i.paidDate ?? null,
        // Only when given, so transactions recorded before the field existed keep their hash.
        ...(i.reversesExternalId && { reverses: i.reversesExternalId }),
        lines: r.lines.map((l) => [
          l.productId,
          l.quantity,
          l.gross.toString(),
          l.discount.toString(),
          l.net.toString(),
          l.margin?.toString() ?? null,
        ]),
      }),
    )
    .digest('hex');
}

async function resolveCustomer(
  w: Work,
  s: Submitted,
  problems: FieldProblem[],
): Promise<{ id: string; ref: Record<string, unknown> } | undefined> {
  const c = s.input.customer;
  const problem = (field: string, code: string, message: string) =>
    problems.push({ field: s.name(`customer.${field}`), problem: code, message });
  if (c.accountId) {
    const account = await repo.accountById(w.tx, c.accountId);
    if (!account) return void problem('accountId', 'unknown', 'is no customer');
    if (account.status !== 'active')
      return void problem('accountId', account.status, `is ${account.status}: name the surviving customer`);
    return { id: account.id, ref: { by: 'accountId' } };
  }
  if (c.uscc) {
    const found = await repo.accountsByUscc(w.tx, c.uscc);
    if (found.length === 1) return { id: found[0]!.id, ref: { by: 'uscc', uscc: c.uscc.toUpperCase() } };
    if (!c.name) return void problem('uscc', 'unknown', 'matches no customer');
  }
  const features = accountFeatures({ legalName: c.name!, uscc: c.uscc ?? null });
  const { candidates } = await findDuplicates(w.tx, features);
  const same = candidates.filter((x) => x.result.verdict === 'same');
  if (same.length === 1)
    return {
      id: same[0]!.accountId,
      ref: { by: 'identity', name: c.name!, score: same[0]!.result.score },
    };
  if (same.length > 1)
    return void problem('name', 'ambiguous', 'matches several customers: give the account id');
  return void problem('name', 'unknown', 'matches no customer');
}

async function resolveAll(w: Work, items: readonly Submitted[], baseCurrency: string) {
  const problems: FieldProblem[] = [];
  const checked = items.map((s) => {
    const result = checkTransactionInput(s.input);
    problems.push(...result.problems.map((p) => ({ ...p, field: s.name(p.field) })));
    return result.lines;
  });
  const seen = new Map<string, number>();
  items.forEach((s, i) => {
    const before = seen.get(s.input.externalId);
    if (before !== undefined)
      problems.push({
        field: s.name('externalId'),
        problem: 'duplicate_in_batch',
        message: 'appears twice in this batch',
      });
    else seen.set(s.input.externalId, i);
  });
  const ids = checked.flat().flatMap((l) => (l.productId ? [l.productId] : []));
  const codes = checked.flat().flatMap((l) => (l.productCode ? [l.productCode] : []));
  const products = await repo.productsByIdsOrCodes(w.tx, [...new Set(ids)], [...new Set(codes)]);
  const byId = new Map(products.map((p) => [p.id, p.id]));
  const byCode = new Map(products.map((p) => [p.code.toLowerCase(), p.id]));
  const resolved: Resolved[] = [];
  for (const [i, s] of items.entries()) {
    const customer = await resolveCustomer(w, s, problems);
    const lines: Resolved['lines'] = [];
    for (const [j, l] of checked[i]!.entries()) {
      const productId = l.productId ? byId.get(l.productId) : byCode.get(l.productCode!.toLowerCase());
      if (!productId)
        problems.push({
          field: s.name(`lines.${j}.${l.productId ? 'productId' : 'productCode'}`),
          problem: 'unknown',
          message: 'is no product in the catalogue',
        });
      else lines.push({ ...l, productId });
    }
    const net = lines.reduce((sum, l) => sum + l.net, 0n);
    let base: Resolved['base'] = { currency: baseCurrency, net, rate: '1', rateDate: null };
    if (s.input.currency !== baseCurrency) {
      const rates = await repo.ratesBetween(w.tx, s.input.currency, baseCurrency, s.input.transactionDate);
      const rate = rateOn(rates, s.input.currency, baseCurrency, s.input.transactionDate);
      if (!rate)
        problems.push({
          field: s.name('currency'),
          problem: 'no_rate',
          message: `has no rate to ${baseCurrency} on or before ${s.input.transactionDate}`,
        });
      else
        base = {
          currency: baseCurrency,
          net: convertMinor(net, minorDigits(s.input.currency)!, minorDigits(baseCurrency)!, rate.rate),
          rate: rate.rate.toString(),
          rateDate: rate.onDate,
        };
    }
    if (customer && lines.length === checked[i]!.length && lines.length === s.input.lines.length)
      resolved.push({ submitted: s, lines, accountId: customer.id, customerRef: customer.ref, base });
  }
  if (problems.length) throw invalid(problems);
  return resolved;
}

/** Records the items in one unit of work; answers each one's outcome and its current version's id. */
export async function recordTransactions(
  db: Db,
  ctx: RequestContext,
  items: readonly Submitted[],
  source: 'api' | 'import',
) {
  return runWork(db, ctx, async (w) => {
    await w.lockKeys([...new Set(items.map((s) => lockKey(s.input.externalId)))].sort());
    const org = await repo.orgSettings(w.tx);
    const baseCurrency = org.currency.trim();
    const resolved = await resolveAll(w, items, baseCurrency);
    const current = new Map(
      (
        await repo.lockCurrent(
          w.tx,
          resolved.map((r) => r.submitted.input.externalId),
        )
      ).map((c) => [c.external_id, c]),
    );
    const results: { externalId: string; outcome: Outcome; id: string; version: number }[] = [];
    for (const r of resolved) {
      const input = r.submitted.input;
      const hash = contentHash(r);
      const old = current.get(input.externalId);
      if (old && old.content_hash === hash) {
        results.push({
          externalId: input.externalId,
          outcome: 'unchanged',
          id: old.id,
          version: old.version,
        });
        continue;
      }
      const id = randomUUID();
      const sum = (pick: (l: CheckedLine) => bigint | null) =>
        r.lines.reduce((s, l) => s + (pick(l) ?? 0n), 0n);
      const margin = r.lines.some((l) => l.margin !== null) ? sum((l) => l.margin).toString() : null;
      if (old) await repo.markSuperseded(w.tx, old.id, id);
      const row: repo.NewTransaction = {
        id,
        chain_id: old?.chain_id ?? id,
        external_id: input.externalId,
        version: (old?.version ?? 0) + 1,
        kind: input.kind,
        account_id: r.accountId,
        currency: input.currency,
        gross_minor: sum((l) => l.gross).toString(),
        discount_minor: sum((l) => l.discount).toString(),
        net_minor: sum((l) => l.net).toString(),
        margin_minor: margin,
        transaction_date: input.transactionDate,
        invoice_date: input.invoiceDate ?? null,
        paid_date: input.paidDate ?? null,
        base_currency: r.base.currency,
        base_net_minor: r.base.net.toString(),
        rate: r.base.rate,
        rate_date: r.base.rateDate,
        content_hash: hash,
        customer_ref: r.customerRef,
        source,
        supersedes_id: old?.id ?? null,
        correction_reason: old ? (input.correctionReason ?? null) : null,
        reverses_external_id: input.reversesExternalId ?? null,
        created_by: w.actor.id,
      };
      await repo.insertTransaction(w.tx, row);
      await repo.insertLines(
        w.tx,
        r.lines.map((l, i) => ({
          transaction_id: id,
          line_no: i + 1,
          product_id: l.productId,
          quantity: l.quantity,
          gross_minor: l.gross.toString(),
          discount_minor: l.discount.toString(),
          net_minor: l.net.toString(),
          margin_minor: l.margin?.toString() ?? null,
        })),
      );
      const summary = {
        externalId: input.externalId,
        version: row.version,
        kind: input.kind,
        accountId: r.accountId,
        currency: input.currency,
        net: fromMinor(row.net_minor, input.currency),
        transactionDate: input.transactionDate,
      };
      if (old) {
        await repo.supersedeCredit(w.tx, old.id);
        w.audit({
          action: 'transaction.corrected',
          entityType: 'transaction',
          entityId: id,
          before: {
            id: old.id,
            version: old.version,
            kind: old.kind,
            net: old.net_minor,
            transactionDate: old.transaction_date,
          },
          after: summary,
          reason: input.correctionReason ?? null,
        });
      } else
        w.audit({ action: 'transaction.recorded', entityType: 'transaction', entityId: id, after: summary });
      await recordCredit(w, {
        id,
        chainId: row.chain_id,
        accountId: r.accountId,
        amount: BigInt(row.net_minor),
        currency: input.currency,
        date: input.transactionDate,
        at: startOfLocalDate(addDays(input.transactionDate, 1), org.time_zone),
      });
      results.push({
        externalId: input.externalId,
        outcome: old ? 'corrected' : 'created',
        id,
        version: row.version,
      });
    }
    return results;
  });
}

export function transactionView(
  t: repo.TransactionRow,
  lines: Awaited<ReturnType<typeof repo.linesOf>>,
): TransactionView {
  const money = (v: string | null) => (v === null ? null : fromMinor(v, t.currency));
  return {
    id: t.id,
    externalId: t.external_id,
    version: t.version,
    current: t.superseded_by === null,
    kind: t.kind,
    account: { id: t.account_id, legalName: t.legal_name },
    currency: t.currency,
    gross: fromMinor(t.gross_minor, t.currency),
    discount: fromMinor(t.discount_minor, t.currency),
    net: fromMinor(t.net_minor, t.currency),
    margin: money(t.margin_minor),
    transactionDate: t.transaction_date,
    invoiceDate: t.invoice_date,
    paidDate: t.paid_date,
    base: {
      currency: t.base_currency,
      net: fromMinor(t.base_net_minor, t.base_currency),
      rate: t.rate,
      rateDate: t.rate_date,
    },
    supersedesId: t.supersedes_id,
    supersededBy: t.superseded_by,
    correctionReason: t.correction_reason,
    source: t.source,
    createdAt: t.created_at,
    lines: lines
      .filter((l) => l.transaction_id === t.id)
      .map((l) => ({
        lineNo: l.line_no,
        product: { id: l.product_id, code: l.code, name: l.name },
        quantity: l.quantity,
        gross: fromMinor(l.gross_minor, t.currency),
        discount: fromMinor(l.discount_minor, t.currency),
        net: fromMinor(l.net_minor, t.currency),
        margin: money(l.margin_minor),
      })),
  };
}

export async function viewsOf(db: Db, ids: readonly string[]): Promise<TransactionView[]> {
  const [rows, lines] = await Promise.all([repo.transactionsByIds(db, ids), repo.linesOf(db, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => transactionView(byId.get(id)!, lines));
}

export async function recordOne(db: Db, ctx: RequestContext, input: TransactionInput) {
  const [result] = await recordTransactions(db, ctx, [{ input, name: (f) => f }], 'api');
  const [transaction] = await viewsOf(db, [result!.id]);
  return { outcome: result!.outcome, transaction: transaction! };
}

export async function recordBatch(db: Db, ctx: RequestContext, items: readonly TransactionInput[]) {
  const results = await recordTransactions(
    db,
    ctx,
    items.map((input, i) => ({ input, name: (f) => `items.${i}.${f}` })),
    'api',
  );
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return {
    created: count('created'),
    unchanged: count('unchanged'),
    corrected: count('corrected'),
    items: results,
  };
}

export async function listTransactions(db: Db, ctx: RequestContext, query: ListTransactionsQuery) {
  const { ids, total } = await repo.listTransactions(db, ctx.actor, query);
  return { items: await viewsOf(db, ids), total, limit: query.limit, offset: query.offset };
}

export async function getTransaction(db: Db, ctx: RequestContext, id: string) {
  const found = await repo.visibleTransaction(db, ctx.actor, id);
  if (!found) throw notFound('transaction', id);
  const [[view], versions, credit, splits] = await Promise.all([
    viewsOf(db, [id]),
    repo.versionsOf(db, found.chain_id),
    repo.creditOf(db, [id]),
    repo.splitsOfChain(db, found.chain_id),
  ]);
  return {
    ...view!,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: v.created_at,
      correctionReason: v.correction_reason,
    })),
    credit: credit.map(creditView),
    splits: splits.map(splitView),
  };
}

export async function listRatesPage(
  db: Db,
  filter: { base?: string | undefined; quote?: string | undefined },
  page: Page,
) {
  const { items, total } = await repo.listRates(
    db,
    { ...(filter.base && { base: filter.base }), ...(filter.quote && { quote: filter.quote }) },
    page,
  );
  return {
    items: items.map((r) => ({
      base: r.base,
      quote: r.quote,
      date: r.on_date,
      rate: r.rate,
      setAt: r.set_at,
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

export const unsupportedBody = () =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file itself as the body (text/csv or XLSX)', {});
