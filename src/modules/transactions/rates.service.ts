import type { Db } from '../../db/database.js';
import { fieldError } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { fromMinor, minorDigits, toMinor } from '../activities/index.js';
import { convertMinor, rateOn, validRate } from './exchange.js';
import * as repo from './transactions.repo.js';
import type { RateInput } from './transactions.schema.js';

/**
 * Exchange rates per currency pair and business date, set by finance and sales ops. Setting a rate for a
 * pair and date that has one replaces it (audited with the old value); transactions keep the rate they
 * were converted with, so no recorded conversion changes.
 */
export async function setRate(db: Db, ctx: RequestContext, input: RateInput) {
  if (input.base === input.quote)
    throw fieldError('VALIDATION_FAILED', 'quote: same as base', {
      field: 'quote',
      problem: 'same_currency',
      message: 'must differ from base',
    });
  if (!validRate(input.rate))
    throw fieldError('VALIDATION_FAILED', 'rate: must be greater than zero', {
      field: 'rate',
      problem: 'not_positive',
      message: 'must be greater than zero',
    });
  return runWork(db, ctx, async (w) => {
    const { before, saved } = await repo.upsertRate(w.tx, {
      base: input.base,
      quote: input.quote,
      on_date: input.date,
      rate: input.rate,
      set_by: w.actor.id,
    });
    w.audit({
      action: 'exchange_rate.set',
      entityType: 'exchange_rate',
      entityId: saved.id,
      before: before === null ? null : { rate: before },
      after: input,
    });
    return {
      base: saved.base,
      quote: saved.quote,
      date: saved.on_date,
      rate: saved.rate,
      setAt: saved.set_at,
    };
  });
}

/** An amount converted as a transaction on that date would be: the rate used and the result. */
export async function convert(db: Db, query: { from: string; to: string; date: string; amount: string }) {
  const minor = toMinor(query.amount, query.from);
  if (typeof minor !== 'bigint')
    throw fieldError('VALIDATION_FAILED', `amount: ${minor.problem}`, {
      field: 'amount',
      problem: minor.problem,
      message: 'is not an amount in this currency',
    });
  if (query.from === query.to)
    return {
      amount: fromMinor(minor, query.to),
      currency: query.to,
      rate: '1',
      rateDate: null,
      inverse: false,
    };
  const rate = rateOn(
    await repo.ratesBetween(db, query.from, query.to, query.date),
    query.from,
    query.to,
    query.date,
  );
  if (!rate)
    throw fieldError('VALIDATION_FAILED', `from: no rate to ${query.to}`, {
      field: 'from',
      problem: 'no_rate',
      message: `has no rate to ${query.to} on or before ${query.date}`,
    });
  const converted = convertMinor(minor, minorDigits(query.from)!, minorDigits(query.to)!, rate.rate);
  return {
    amount: fromMinor(converted, query.to),
    currency: query.to,
    rate: rate.rate.toString(),
    rateDate: rate.onDate,
    inverse: rate.inverse,
  };
}
