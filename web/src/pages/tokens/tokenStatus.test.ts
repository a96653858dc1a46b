import { describe, expect, it } from 'vitest';
import { tokenStatus } from './tokenStatus.js';

const now = Date.parse('2025-06-01T00:00:00Z');

describe('tokenStatus', () => {
  it('is active without expiry or with a future one', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(tokenStatus({ revokedAt: null, expiresAt: '2025-06-02T00:00:00Z' }, now)).toBe('active');
  });

  it('is expired from the expiry instant on', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: '2025-06-01T00:00:00Z' }, now)).toBe('expired');
  });

  it('is revoked even when also expired', () => {
    expect(tokenStatus({ revokedAt: '2025-05-01T00:00:00Z', expiresAt: '2025-05-02T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });
});
