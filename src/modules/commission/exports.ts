import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Decimal } from 'decimal.js';
import PDFDocument from 'pdfkit';
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { writeSheets, type CellValue } from '../../kernel/table-writer.js';
import type { RequestContext } from '../access/index.js';
import { fromMinor } from '../activities/index.js';
import * as repo from './exports.repo.js';
import {
  asLanguage,
  formulaText,
  LABELS,
  LINE_KINDS,
  PERIOD_STATUSES,
  type ExportLanguage,
} from './exports.text.js';
import { planRules } from './rules.js';

/**
 * Statements as files: a period's statements (every payee in the caller's sight) as XLSX, one statement as
 * XLSX or PDF. Figures are the stored ones (the locked snapshot once the period is locked, else the current
 * calculation); each line's description is its formula rendered in the reader's language (`exports.text.ts`).
 * The PDF embeds Noto Sans SC (shipped by an npm package, read from disk once) subset to the glyphs used.
 */

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

interface Statement {
  payeeId: string;
  type: 'user' | 'partner';
  name: string;
  currency: string;
  measure: string;
  target: string;
  attainment: string | null;
  tier: number | null;
  earned: string;
  payout: string;
  lines: {
    lineNo: number;
    kind: string;
    description: string;
    basis: string | null;
    rate: string | null;
    amount: string;
  }[];
}

interface Loaded {
  period: repo.PeriodRow & { snapshot_id: string | null };
  lang: ExportLanguage;
  statements: Statement[];
}

/** The measure as a decimal string: money in major units, units as units. */
export function measureText(value: string, measure: string, currency: string): string {
  if (measure === 'units') return new Decimal(value).dividedBy(10_000).toString();
  return fromMinor(new Decimal(value).toFixed(0), currency);
}

async function load(
  db: Db,
  ctx: RequestContext,
  periodId: string,
  payeeId: string | undefined,
  lang: string | undefined,
): Promise<Loaded> {
  // Out of sight is answered as missing: a hidden statement as a missing one, a period none of whose
  // statements the caller sees as a missing period.
  const missing = () =>
    payeeId ? notFound('commission_statement', payeeId) : notFound('commission_period', periodId);
  const found = await repo.findPeriod(db, periodId);
  if (!found) throw missing();
  // As the period service reads statements: scope all the current calculation, everyone else the locked one.
  const period = {
    ...found,
    snapshot_id: ctx.actor.scope === 'all' ? found.current_snapshot_id : found.locked_snapshot_id,
  };
  const language = asLanguage(lang ?? (await repo.languageOf(db, ctx.actor.id)));
  const results = period.snapshot_id
    ? await repo.statementResults(db, ctx.actor, period, period.snapshot_id, payeeId)
    : [];
  if (results.length === 0 && (payeeId || ctx.actor.scope !== 'all')) throw missing();
  const rules = period.snapshot_id
    ? planRules.parse((await repo.snapshotRules(db, period.snapshot_id)).rules)
    : null;
  const lines = period.snapshot_id
    ? await repo.statementLines(
        db,
        period.snapshot_id,
        results.map((r) => r.payee_id),
      )
    : [];
  const statements = results.map((r): Statement => {
    const money = (minor: string) => fromMinor(minor, r.currency);
    return {
      payeeId: r.payee_id,
      type: r.user_id ? 'user' : 'partner',
      name: r.name,
      currency: r.currency,
      measure: measureText(r.measure, rules?.measure ?? 'net', r.currency),
      target: measureText(r.target, rules?.measure ?? 'net', r.currency),
      attainment:
        r.attainment === null
          ? null
          : new Decimal(r.attainment).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2),
      tier: r.tier === null ? null : r.tier + 1,
      earned: money(r.earned_minor),
      payout: money(r.payout_minor),
      lines: lines
        .filter((l) => l.payee_id === r.payee_id)
        .map((l) => ({
          lineNo: l.line_no,
          kind: LINE_KINDS[l.kind]?.[language] ?? l.kind,
          description: formulaText(
            l.formula as { code: string; params: Record<string, unknown> },
            language,
            r.currency,
          ),
          basis: l.basis_minor === null ? null : money(l.basis_minor),
          rate: l.rate,
          amount: money(l.amount_minor),
        })),
    };
  });
  return { period, lang: language, statements };
}

const num = (v: string | null): CellValue => (v === null ? null : Number(v));

async function xlsx(loaded: Loaded): Promise<Buffer> {
  const t = LABELS[loaded.lang];
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  await writeSheets(out, [
    {
      name: t.summary,
      header: [
        t.payee,
        t.payeeType,
        t.measure,
        t.target,
        t.attainment,
        t.tier,
        t.earned,
        t.payout,
        t.currency,
      ],
      rows: loaded.statements.map((s) => [
        s.name,
        t.types[s.type],
        num(s.measure),
        num(s.target),
        num(s.attainment),
        s.tier,
        num(s.earned),
        num(s.payout),
        s.currency,
      ]),
    },
    {
      name: t.lines,
      header: [t.payee, t.lineNo, t.kind, t.description, t.basis, t.rate, t.amount, t.currency],
      rows: loaded.statements.flatMap((s) =>
        s.lines.map((l) => [
          s.name,
          l.lineNo,
          l.kind,
          l.description,
          num(l.basis),
          num(l.rate),
          num(l.amount),
          s.currency,
        ]),
      ),
    },
  ]);
  await done;
  return Buffer.concat(chunks);
}

// Noto Sans SC Regular (SIL Open Font License), from the npm package that ships it; read once, on first use.
let fontBytes: Buffer | undefined;
function cjkFont(): Buffer {
  fontBytes ??= readFileSync(
    createRequire(import.meta.url).resolve(
      '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    ),
  );
  return fontBytes;
}

async function pdf(loaded: Loaded): Promise<Buffer> {
  const t = LABELS[loaded.lang];
  const s = loaded.statements[0]!;
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${t.statement} ${s.name}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const p = loaded.period;
  doc.fontSize(16).text(t.statement);
  doc.moveDown(0.5).fontSize(10);
  const facts: [string, string][] = [
    [t.plan, `${p.plan_name} (${p.plan_code})`],
    [t.period, `${p.period_start} – ${p.period_end}`],
    [t.status, PERIOD_STATUSES[p.status]?.[loaded.lang] ?? p.status],
    [t.payee, `${s.name} (${t.types[s.type]})`],
    [t.measure, s.measure],
    [t.target, s.target],
    [t.attainment, s.attainment ?? '—'],
    [t.tier, s.tier === null ? '—' : String(s.tier)],
    [t.earned, `${s.earned} ${s.currency}`],
    [t.payout, `${s.payout} ${s.currency}`],
  ];
  const sep = loaded.lang === 'zh-CN' ? '：' : ': ';
  for (const [label, value] of facts) doc.text(`${label}${sep}${value}`);
  doc.moveDown();
  doc.fontSize(12).text(t.lines);
  doc.moveDown(0.3).fontSize(9);
  const width = doc.page.width - 96;
  for (const l of s.lines) {
    const y = doc.y;
    doc.text(`${l.lineNo}. ${l.kind}`, 48, y, { width: 110 });
    doc.text(l.description, 160, y, { width: width - 200 });
    const after = doc.y;
    doc.text(`${l.amount} ${s.currency}`, 48 + width - 90, y, { width: 90, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
    doc.x = 48;
  }
  doc.moveDown().fontSize(11).text(`${t.total}${sep}${s.payout} ${s.currency}`, { align: 'right' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const safeName = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);

export async function exportPeriod(
  db: Db,
  ctx: RequestContext,
  periodId: string,
  lang?: string,
): Promise<ExportFile> {
  const loaded = await load(db, ctx, periodId, undefined, lang);
  const p = loaded.period;
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `commission-${safeName(p.plan_code)}-${p.period_start}.xlsx`,
    body: await xlsx(loaded),
  };
}

export async function exportStatement(
  db: Db,
  ctx: RequestContext,
  periodId: string,
  payeeId: string,
  format: 'xlsx' | 'pdf',
  lang?: string,
): Promise<ExportFile> {
  const loaded = await load(db, ctx, periodId, payeeId, lang);
  const p = loaded.period;
  const base = `statement-${safeName(p.plan_code)}-${p.period_start}-${payeeId.slice(0, 8)}`;
  return format === 'pdf'
    ? { contentType: 'application/pdf', filename: `${base}.pdf`, body: await pdf(loaded) }
    : {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${base}.xlsx`,
        body: await xlsx(loaded),
      };
}
