import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, shareOf } from '../../kernel/allocate.js';
import { deriveCredit, splitCredit, splitProblem, type CreditFacts } from './credit.js';
import { convertMinor, rateOn } from './exchange.js';
import { checkTransactionInput } from './transaction-input.js';

describe('largest remainder', () => {
  it('splits 100.00 in thirds as 33.34 / 33.33 / 33.33: the last cent to the payee listed first', () => {
    expect(allocate(10_000n, [1n, 1n, 1n])).toEqual([3334n, 3333n, 3333n]);
    expect(allocate(10_000n, [3333n, 3333n, 3334n])).toEqual([3333n, 3333n, 3334n]);
  });

  it('gives a tied remainder to the larger share before the earlier payee', () => {
    // 1 minor unit over weights 1 and 3 of 4 … remainders 0.25 and 0.75: the larger remainder wins.
    expect(allocate(1n, [1n, 3n])).toEqual([0n, 1n]);
    // 0.02 over 2:2:1 (of 5) → quotas 0.8, 0.8, 0.4: remainders 4, 4, 2 (of 5); the tie goes to the first.
    expect(allocate(2n, [2n, 2n, 1n])).toEqual([1n, 1n, 0n]);
    // 0.03 over 1:2 ×2 … equal remainders, the larger weight first.
    expect(allocate(1n, [1n, 2n, 2n, 1n])).toEqual([0n, 1n, 0n, 0n]);
  });

  it('mirrors a negative amount exactly', () => {
    expect(allocate(-10_000n, [1n, 1n, 1n])).toEqual([-3334n, -3333n, -3333n]);
  });

  it('always sums to the amount, never goes below the floor of a quota nor above its ceiling', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 12 }),
        (amount, raw) => {
          const weights = raw.some((w) => w > 0n) ? raw : [...raw.slice(1), 1n];
          const parts = allocate(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(amount);
          const total = weights.reduce((s, w) => s + w, 0n);
          const magnitude = amount < 0n ? -amount : amount;
          parts.forEach((p, i) => {
            const m = p < 0n ? -p : p;
            const floor = (magnitude * weights[i]!) / total;
            expect(m === floor || m === floor + 1n).toBe(true);
          });
          // Deterministic: the same inputs, the same split.
          expect(allocate(amount, weights)).toEqual(parts);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rounds an overlay share half to even', () => {
    expect(shareOf(250n, 1000)).toBe(25n);
    expect(shareOf(25n, 1000)).toBe(2n); // 2.5 → 2
    expect(shareOf(35n, 1000)).toBe(4n); // 3.5 → 4
    expect(shareOf(-35n, 1000)).toBe(-4n);
  });
});

describe('exchange rates', () => {
  const rates = [
    { base: 'USD', quote: 'CNY', onDate: '2026-01-01', rate: '7.1' },
    { base: 'USD', quote: 'CNY', onDate: '2026-03-01', rate: '7.2345' },
    { base: 'CNY', quote: 'JPY', onDate: '2026-01-01', rate: '20.5' },
  ];

  it('uses the latest rate on or before the date, and none before the first', () => {
    expect(rateOn(rates, 'USD', 'CNY', '2026-02-28')?.rate.toString()).toBe('7.1');
    expect(rateOn(rates, 'USD', 'CNY', '2026-03-01')?.rate.toString()).toBe('7.2345');
    expect(rateOn(rates, 'USD', 'CNY', '2025-12-31')).toBeUndefined();
    expect(rateOn(rates, 'EUR', 'CNY', '2026-03-01')).toBeUndefined();
  });

  it('inverts the opposite pair when only that one is set', () => {
    const inverse = rateOn(rates, 'CNY', 'USD', '2026-03-02')!;
    expect(inverse.inverse).toBe(true);
    expect(inverse.onDate).toBe('2026-03-01');
  });

  it('converts minor units with one half-even rounding', () => {
    // 100.01 USD × 7.2345 = 723.522345 CNY → 723.52
    expect(convertMinor(10_001n, 2, 2, '7.2345')).toBe(72_352n);
    // 0.5 × 1 at 0 digits: half to even
    expect(convertMinor(50n, 2, 0, '1')).toBe(0n);
    expect(convertMinor(150n, 2, 0, '1')).toBe(2n);
    // CNY → JPY (0 decimals): 12.34 × 20.5 = 252.97 → 253
    expect(convertMinor(1234n, 2, 0, '20.5')).toBe(253n);
    expect(convertMinor(-1234n, 2, 0, '20.5')).toBe(-253n);
  });
});

describe('transaction amounts', () => {
  const base = {
    externalId: 'X-1',
    customer: { name: '某公司' },
    currency: 'CNY',
    transactionDate: '2026-01-05',
  };

  it('keeps returns and credit notes negative and sales positive, naming the field', () => {
    const sale = checkTransactionInput({
      ...base,
      kind: 'order',
      lines: [{ productCode: 'A', quantity: 1, gross: '-1.00' }],
    });
    expect(sale.problems).toEqual([
      expect.objectContaining({ field: 'lines.0.gross', problem: 'must_be_positive_or_zero' }),
    ]);
    const ret = checkTransactionInput({
      ...base,
      kind: 'return',
      lines: [{ productCode: 'A', quantity: 1, gross: '100.00', discount: '-5' }],
    });
    expect(ret.problems.map((p) => p.field)).toEqual(['lines.0.gross']);
    const ok = checkTransactionInput({
      ...base,
      kind: 'credit_note',
      lines: [{ productCode: 'A', quantity: 1, gross: '-100.00', discount: '-10.00', net: '-90.00' }],
    });
    expect(ok.problems).toEqual([]);
    expect(ok.lines[0]).toMatchObject({ gross: -10_000n, discount: -1000n, net: -9000n });
  });

  it('refuses a net that is not gross − discount, and a discount over the gross', () => {
    const r = checkTransactionInput({
      ...base,
      kind: 'invoice',
      lines: [
        { productCode: 'A', quantity: 1, gross: '100.00', discount: '10', net: '91' },
        { productCode: 'A', quantity: 1, gross: '10.00', discount: '11' },
        { productCode: 'A', quantity: 1, gross: '10.001' },
      ],
    });
    expect(r.problems.map((p) => `${p.field} ${p.problem}`)).toEqual([
      'lines.0.net mismatch',
      'lines.1.discount discount_exceeds_gross',
      'lines.2.gross too_many_decimals',
    ]);
  });
});

describe('credit from the ledger', () => {
  const facts = (over: Partial<CreditFacts> = {}): CreditFacts => ({
    at: '2026-01-06T00:00:00.000Z',
    date: '2026-01-05',
    holder: { type: 'user', userId: 'owner', claimId: 'claim-1', since: '2025-01-01T00:00:00Z' },
    team: [],
    ...over,
  });

  it('credits the owner of record with the whole amount', () => {
    const [line, ...rest] = deriveCredit(facts(), 12_345n);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ userId: 'owner', amount: 12_345n, shareBp: 10_000, sourceId: 'claim-1' });
    expect(line!.evidence[0]!.code).toBe('credit.owner');
  });

  it('carves team shares out of the 100 % and puts a specialist on top', () => {
    const lines = deriveCredit(
      facts({
        team: [
          { userId: 'assist', role: 'assisting_rep', creditBp: 3000, addedAt: 'x', until: null },
          { userId: 'spec', role: 'product_specialist', creditBp: 1000, addedAt: 'x', until: null },
          { userId: 'former', role: 'former_owner', creditBp: 0, addedAt: 'x', until: null },
        ],
      }),
      10_001n,
    );
    expect(lines.map((l) => [l.userId, l.amount, l.overlay])).toEqual([
      ['owner', 7001n, false],
      ['assist', 3000n, false],
      ['spec', 1000n, true],
    ]);
    const revenue = lines.filter((l) => !l.overlay).reduce((s, l) => s + l.amount, 0n);
    expect(revenue).toBe(10_001n);
  });

  it('credits a partner holding the customer by registration, and leaves a pooled customer unassigned', () => {
    const partner = deriveCredit(
      facts({
        holder: { type: 'partner', partnerId: 'p', claimId: 'c', since: 's', registrationId: 'r' },
      }),
      -500n,
    );
    expect(partner).toEqual([
      expect.objectContaining({
        partnerId: 'p',
        amount: -500n,
        source: 'partner_registration',
        sourceId: 'r',
      }),
    ]);
    const none = deriveCredit(facts({ holder: { type: 'none', claimId: 'c', holder: 'pool' } }), 100n);
    expect(none).toEqual([expect.objectContaining({ payeeType: 'unassigned', amount: 100n })]);
  });

  it('checks a manual split: one primary, exactly 100 %, nobody twice; overlay on top', () => {
    const u = (id: string) => ({ type: 'user' as const, id });
    expect(
      splitProblem([
        { payee: u('a'), role: 'primary', shareBp: 6000 },
        { payee: u('b'), role: 'assisting', shareBp: 3000 },
      ]),
    ).toEqual({ field: 'lines', problem: 'not_100_percent', total: 9000 });
    expect(splitProblem([{ payee: u('a'), role: 'assisting', shareBp: 10_000 }])?.problem).toBe(
      'one_primary',
    );
    const split = [
      { payee: u('a'), role: 'primary' as const, shareBp: 3334 },
      { payee: u('b'), role: 'assisting' as const, shareBp: 3333 },
      { payee: u('c'), role: 'assisting' as const, shareBp: 3333 },
      { payee: u('d'), role: 'overlay' as const, shareBp: 5000 },
    ];
    expect(splitProblem(split)).toBeNull();
    expect(splitCredit('s', split, 100n).map((l) => l.amount)).toEqual([34n, 33n, 33n, 50n]);
  });

  it('property: a manual split’s revenue lines sum to the amount for any amount and shares', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 10 }),
        (amount, cuts) => {
          // Turn arbitrary numbers into shares that sum to 10 000 bp.
          const total = cuts.reduce((s, c) => s + c, 0);
          const shares = cuts.map((c) => Math.floor((c * 10_000) / total));
          shares[0]! += 10_000 - shares.reduce((s, c) => s + c, 0);
          const lines = shares.map((shareBp, i) => ({
            payee: { type: 'user' as const, id: `u${i}` },
            role: i === 0 ? ('primary' as const) : ('assisting' as const),
            shareBp,
          }));
          expect(splitProblem(lines)).toBeNull();
          const sum = splitCredit('s', lines, amount).reduce((s, l) => s + l.amount, 0n);
          expect(sum).toBe(amount);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
