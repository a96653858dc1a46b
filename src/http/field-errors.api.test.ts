import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../db/testing/index.js';
import { startTestServer, type TestServer } from '../db/testing/server.js';

interface Problem {
  field: string;
  problem: string;
}
const problemsOf = (body: { error: { details: { fields?: Problem[] } } }) =>
  (body.error.details.fields ?? []).map(({ field, problem }) => ({ field, problem }));

describeEachEngine('every field error at once', (t) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(t.database);
    admin = await server.login('admin');
  });
  afterAll(() => server.close());

  it('names a bad e-mail and a bad phone of a new customer together, with their paths and codes', async () => {
    const response = await server.call('/api/v1/accounts', {
      cookie: admin,
      json: {
        legalName: '厦门鹭岛软件有限公司',
        phones: ['138 0013 8000', '12345'],
        emails: ['not-an-email'],
        contacts: [{ name: '陈静', mobile: 'call me', email: 'chen@' }],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(problemsOf(response.body)).toEqual(
      expect.arrayContaining([
        { field: 'phones.1', problem: 'invalid_phone' },
        { field: 'emails.0', problem: 'invalid_format' },
        { field: 'contacts.0.mobile', problem: 'invalid_phone' },
        { field: 'contacts.0.email', problem: 'invalid_format' },
      ]),
    );
    expect(problemsOf(response.body)).toHaveLength(4);
    // The message still names them all, for clients that read only the message.
    expect(response.body.error.message).toMatch(/phones\.1.*emails\.0|emails\.0.*phones\.1/);
  });

  it('names both fields of a contact and of a user', async () => {
    const account = await server.call('/api/v1/accounts', {
      cookie: admin,
      json: { legalName: '泉州海丝贸易有限公司' },
    });
    const contact = await server.call(`/api/v1/accounts/${account.body.id}/contacts`, {
      cookie: admin,
      json: { name: '林海', mobile: '12345', email: 'not-an-email' },
    });
    expect(contact.status).toBe(400);
    expect(problemsOf(contact.body)).toEqual([
      { field: 'mobile', problem: 'invalid_phone' },
      { field: 'email', problem: 'invalid_format' },
    ]);

    const user = await server.call('/api/v1/users', {
      cookie: admin,
      json: { login: 'lin.hai', displayName: '林海', role: 'rep', email: 'lin@', phone: '999' },
    });
    expect(user.status).toBe(400);
    expect(problemsOf(user.body)).toEqual([
      { field: 'email', problem: 'invalid_format' },
      { field: 'phone', problem: 'invalid_phone' },
    ]);
  });

  it('reports a wrong current password and a weak new one together, changing nothing', async () => {
    const response = await server.call('/api/v1/me/password', {
      cookie: admin,
      json: { currentPassword: 'not-my-password', newPassword: 'password' },
    });
    expect(response.status).toBe(400);
    expect(problemsOf(response.body).map((p) => p.field)).toEqual(['currentPassword', 'newPassword']);
  });

  it('lets the live duplicate check see a half-typed phone without failing', async () => {
    const response = await server.call('/api/v1/accounts/check', {
      cookie: admin,
      json: { legalName: '厦门鹭岛', phones: ['138'], contacts: [{ name: '陈', mobile: '13' }] },
    });
    expect(response.status).toBe(200);
  });
});
