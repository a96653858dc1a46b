import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Pool } from '../../api/types.js';
import { NEW_POOL, toPoolBody, toPoolValues, toRuleBody, toRuleValues } from './poolForm.js';
import { percentToBp, teamProblems, toTeamBody, toTeamRows } from './teamForm.js';
import { movedCount, transferOneByOne } from './transfer.js';

describe('transferOneByOne', () => {
  it('sends each customer alone and reports every one, moved or refused', async () => {
    const sent: string[][] = [];
    const refusal = new ApiError(400, 'VALIDATION_FAILED', 'to.userId: no manager');
    const outcomes = await transferOneByOne(
      { accountIds: ['a', 'b', 'a', 'c'], to: { type: 'manager' }, note: '调整' },
      (one) => {
        sent.push(one.accountIds);
        return one.accountIds[0] === 'b'
          ? Promise.reject(refusal)
          : Promise.resolve({ moved: 1, opportunitiesMoved: 2 });
      },
    );
    expect(sent).toEqual([['a'], ['b'], ['c']]);
    expect(outcomes).toEqual([
      { accountId: 'a', moved: true, opportunitiesMoved: 2 },
      { accountId: 'b', moved: false, error: refusal },
      { accountId: 'c', moved: true, opportunitiesMoved: 2 },
    ]);
    expect(movedCount(outcomes)).toBe(2);
  });
});

describe('account team form', () => {
  it('turns percent into whole basis points and back', () => {
    expect(percentToBp(12.5)).toBe(1250);
    expect(percentToBp(33.33)).toBe(3333);
    expect(percentToBp(null)).toBe(0);
    const rows = toTeamRows([
      { userId: 'u1', name: '李娜', role: 'assisting_rep', creditBp: 2550, until: '2027-06-30' },
    ]);
    expect(rows).toEqual([{ userId: 'u1', role: 'assisting_rep', percent: 25.5, until: '2027-06-30' }]);
    expect(toTeamBody(rows, '  ')).toEqual({
      members: [{ userId: 'u1', role: 'assisting_rep', creditBp: 2550, until: '2027-06-30' }],
    });
  });

  it('finds a missing person, a person twice, and shares over 100 %', () => {
    const row = (userId: string | null, percent: number) =>
      ({ userId, role: 'assisting_rep', percent, until: null }) as const;
    expect(teamProblems([row('u1', 60), row('u2', 40)])).toEqual([]);
    expect(teamProblems([row('u1', 60), row('u1', 40.01), row(null, 0)])).toEqual([
      { index: 1, problem: 'duplicate' },
      { index: 2, problem: 'required' },
      { index: null, problem: 'credit_over_100' },
    ]);
  });
});

describe('pool and recovery-rule forms', () => {
  it('sends cleared limits as no limit and blank text as null', () => {
    const body = toPoolBody({ ...NEW_POOL, name: ' 华南公海 ', productLine: '  ', claimsPerDay: 5 });
    expect(body).toMatchObject({ name: '华南公海', productLine: null, claimsPerDay: 5, maxOwned: null });
  });

  it('edits a pool from what the server shows, without its read-only fields', () => {
    const pool = { ...NEW_POOL, id: 'p', name: 'P', version: 3, size: 9, member: true, admin: true } as Pool;
    const values = toPoolValues(pool);
    expect(values).not.toHaveProperty('version');
    expect(values).not.toHaveProperty('size');
    expect(values.name).toBe('P');
  });

  it('sorts reminder days, largest first, and keeps what is not a number for the server to name', () => {
    const values = toRuleValues({
      id: 'r',
      version: 1,
      poolName: 'P',
      name: ' 30 天无跟进 ',
      position: 1,
      scope: 'pool',
      poolId: 'p',
      trigger: 'no_follow_up',
      days: 30,
      grade: null,
      followUpKinds: ['visit'],
      minSpacingHours: 0,
      remindDays: [1, 7, 3, 7],
      escalateDays: null,
      exemptWon: true,
      exemptOpenOpportunity: true,
      active: true,
    });
    expect(toRuleBody(values)).toMatchObject({ name: '30 天无跟进', remindDays: [7, 3, 1] });
    expect(toRuleBody({ ...values, remindDays: ['x' as unknown as number] }).remindDays).toEqual([NaN]);
  });
});
