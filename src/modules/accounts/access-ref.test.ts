import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openAccessRef, sealAccessRef } from './access-ref.js';

const key = randomBytes(32);
const accountId = randomUUID();
const userId = randomUUID();
const later = Math.floor(Date.now() / 1000) + 3600;

describe('access references', () => {
  it('name the account only to the caller they were handed to', () => {
    const ref = sealAccessRef(key, { accountId, userId, expires: later });
    expect(openAccessRef(key, ref, userId)).toBe(accountId);
    expect(openAccessRef(key, ref, randomUUID())).toBeNull();
  });

  it('do not show the account id and differ every time', () => {
    const a = sealAccessRef(key, { accountId, userId, expires: later });
    const b = sealAccessRef(key, { accountId, userId, expires: later });
    expect(a).not.toBe(b);
    expect(a).not.toContain(accountId);
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.toContain(accountId);
  });

  it('refuse expired, tampered, foreign-key and garbage references alike', () => {
    const ref = sealAccessRef(key, { accountId, userId, expires: later });
    expect(openAccessRef(key, ref, userId, (later + 1) * 1000)).toBeNull();
    const raw = Buffer.from(ref, 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(openAccessRef(key, raw.toString('base64url'), userId)).toBeNull();
    expect(openAccessRef(randomBytes(32), ref, userId)).toBeNull();
    for (const junk of ['', 'x', accountId, 'a'.repeat(600)])
      expect(openAccessRef(key, junk, userId)).toBeNull();
  });
});
