import { inflateSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import {
  earningLine,
  makeManagedTeam,
  makeStatementFixture,
  type StatementFixture,
} from '../../db/testing/commission-statements.js';

/** Every stream of a PDF, inflated where it is compressed, as one latin-1 text to search. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts = [raw];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // not deflated (or not whole): the raw text above holds it
    }
  }
  return parts.join('\n');
}

describeEachEngine('commission statement exports', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  type Who = 'finance' | 'rep' | 'otherRep' | 'manager';
  const cookies = {} as Record<Who, string>;
  const users = {} as Record<Who, TestUser>;
  let plan: StatementFixture;

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const managed = await makeManagedTeam(db());
    const team = { id: managed.teamId };
    users.manager = managed.manager;
    users.finance = await makeUser(db(), { role: 'finance' });
    users.rep = await makeUser(db(), { role: 'rep', teamId: team.id, displayName: '王小明', language: 'en' });
    users.otherRep = await makeUser(db(), { role: 'rep', displayName: '=HYPERLINK("x")' });
    for (const [key, user] of Object.entries(users)) cookies[key as Who] = await server.login(user.login);
    plan = await makeStatementFixture(db(), {
      name: '华东销售提成方案',
      payees: [users.rep.id, users.otherRep.id],
      periods: [
        {
          start: '2026-01-01',
          status: 'locked',
          results: [
            {
              measure: 1_250_000_00n,
              target: 1_000_000_00n,
              tier: 2,
              earned: 12_500_000n,
              payout: 12_450_000n,
              lines: [
                earningLine(1_250_000_00n, '10', 2, 12_500_000n, '125.00'),
                {
                  kind: 'adjustment',
                  amount: -50_000n,
                  formula: { code: 'commission.adjustment', params: { kind: 'dispute', amount: '-50000' } },
                },
              ],
            },
            { measure: 500_000_00n, target: 1_000_000_00n, tier: 0, earned: 2_000_000n, lines: [] },
          ],
        },
        {
          start: '2026-02-01',
          status: 'calculated',
          results: [{ measure: 1n, target: 1_000_000_00n, earned: 0n }, null],
        },
      ],
    });
  });
  afterAll(() => server?.close());

  const fetchFile = async (who: Who, path: string) => {
    const response = await fetch(server.url + path, { headers: { cookie: cookies[who] } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  it('exports a period as XLSX that reads back with the stored figures, text never a formula', async () => {
    const file = await fetchFile(
      'finance',
      `/api/v1/commission/periods/${plan.periods[0]!.id}/export?lang=zh-CN`,
    );
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const book = XLSX.read(file.bytes, { type: 'buffer' });
    expect(book.SheetNames).toEqual(['汇总', '明细']);
    const summary = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['汇总']!);
    const wang = summary.find((r) => r['收款人'] === '王小明')!;
    expect(wang).toMatchObject({
      收款人类型: '员工',
      业绩: 1250000,
      目标: 1000000,
      '达成率 %': 125,
      档位: 3,
      应得提成: 125000,
      应付金额: 124500,
      币种: 'CNY',
    });
    // A name that would be a formula is written as text behind a quote.
    expect(summary.map((r) => r['收款人'])).toContain('\'=HYPERLINK("x")');
    const lines = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['明细']!);
    expect(lines.filter((l) => l['收款人'] === '王小明')).toEqual([
      expect.objectContaining({
        行号: 1,
        类型: '提成',
        计算说明: '达成率 125.00%，第 3 档：1250000.00 × 10%',
        计提基数: 1250000,
        '费率 %': 10,
        金额: 125000,
      }),
      expect.objectContaining({ 行号: 2, 类型: '调整', 计算说明: '调整（异议成立）', 金额: -500 }),
    ]);
  });

  it('shows each caller the statements in its sight once locked: a payee its own, a manager its team’s', async () => {
    const names = async (who: Who, periodIndex: number) => {
      const file = await fetchFile(who, `/api/v1/commission/periods/${plan.periods[periodIndex]!.id}/export`);
      if (file.status !== 200) return file.status;
      const book = XLSX.read(file.bytes, { type: 'buffer' });
      return XLSX.utils
        .sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 })
        .slice(1)
        .map((r) => r[0]);
    };
    expect(await names('rep', 0)).toEqual(['王小明']);
    expect(await names('manager', 0)).toEqual(['王小明']);
    expect(await names('rep', 1)).toBe(404);
    expect(await names('manager', 1)).toBe(404); // not locked: only finance and sales ops read drafts
    expect(await names('finance', 1)).toEqual(['王小明']);
    const stmt = (who: Who, payee: number, period = 0, format = 'pdf') =>
      fetchFile(
        who,
        `/api/v1/commission/periods/${plan.periods[period]!.id}/statements/${plan.payeeIds[payee]}/export?format=${format}`,
      );
    expect((await stmt('rep', 1)).status).toBe(404);
    expect((await stmt('manager', 1)).status).toBe(404);
    expect((await stmt('rep', 0, 1)).status).toBe(404);
    expect((await stmt('finance', 1, 1)).status).toBe(404); // no result for that payee in February
    expect((await stmt('rep', 0, 0, 'xlsx')).status).toBe(200);
  });

  it('renders one statement as a PDF with a subset of Noto Sans SC, in the reader’s language', async () => {
    const path = `/api/v1/commission/periods/${plan.periods[0]!.id}/statements/${plan.payeeIds[0]}/export?format=pdf`;
    const zh = await fetchFile('rep', `${path}&lang=zh-CN`);
    expect(zh.status).toBe(200);
    expect(zh.type).toBe('application/pdf');
    expect(zh.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(zh.bytes);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(text).toContain('/FontFile2');
    // The text is set in glyphs; its ToUnicode map names the characters used: 王小明, 提成对账单.
    for (const ch of '王小明提成对账单华东')
      expect(text.toLowerCase(), ch).toContain(ch.codePointAt(0)!.toString(16).padStart(4, '0'));
    // Subset: a few tens of kilobytes, not the 10 MB font.
    expect(zh.bytes.length).toBeLessThan(300_000);
    // The reader's own language (English, as the rep prefers) when none is asked for.
    const en = pdfText((await fetchFile('rep', path)).bytes).toLowerCase();
    const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0'));
    expect(hex('提成对账单').every((h) => en.includes(h))).toBe(false);
  });
});
