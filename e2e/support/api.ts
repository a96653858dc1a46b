import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely, as the test files do
type Answer = Record<string, any>;

/** An API call in `page`'s session; the test fails on an answer other than `status` (any 2xx when omitted). */
export type ApiCall = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  status?: number,
) => Promise<Answer>;

export function apiCaller(page: Page, baseUrl: string): ApiCall {
  return async (method, path, data, status) => {
    const reply = await page.request.fetch(`${baseUrl}${path}`, { method, data });
    const what = `${method} ${path}: ${await reply.text()}`;
    if (status === undefined) expect(reply.status(), what).toBeLessThan(300);
    else expect(reply.status(), what).toBe(status);
    return (await reply.json()) as Answer;
  };
}

/**
 * A partner admitted through the API and, unless `active` is false, walked to active (its onboarding
 * checklist done), with one `partner_user` who signs in with `user.password`.
 */
export async function partnerWithUser(
  call: ApiCall,
  partner: { legalName: string; contactName: string; contactEmail: string },
  user: { login: string; displayName: string; password: string },
  active = true,
): Promise<{ id: string }> {
  const created = await call('POST', '/api/v1/partners', { ...partner, confirm: { reason: 'e2e' } });
  const id = created.id as string;
  if (active) {
    await call('POST', `/api/v1/partners/${id}/status`, { to: 'onboarding', reason: '资料齐全' });
    const detail = await call('GET', `/api/v1/partners/${id}`);
    for (const item of detail.checklist as { itemId: string }[])
      await call('PUT', `/api/v1/partners/${id}/checklist/${item.itemId}`, { done: true });
    await call('POST', `/api/v1/partners/${id}/status`, { to: 'active', reason: '签约完成' });
  }
  await call('POST', '/api/v1/users', { ...user, role: 'partner_user', partnerId: id });
  return { id };
}
