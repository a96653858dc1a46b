import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePartnerId, makeUser } from '../../db/testing/factories.js';
import { describeEachEngine } from '../../db/testing/index.js';
import { startTestServer, type TestServer } from '../../db/testing/server.js';
import { partnerBytes } from './attachments.repo.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_REGISTRATION } from './attachments.schema.js';
import { makeCatalogue, registrationBody } from './testing.js';

/** A tiny real PNG (1×1), and a PDF's first bytes: what a partner attaches as evidence. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeEachEngine('deal registration attachments', (t) => {
  let server: TestServer;
  const db = () => t.database.db;
  const cookies = {} as Record<'ops' | 'p1' | 'p1b' | 'p2' | 'rep', string>;
  let catalogue: Awaited<ReturnType<typeof makeCatalogue>>;
  let partnerOne = '';

  beforeAll(async () => {
    server = await startTestServer(t.database);
    const p1 = await makePartnerId(db());
    partnerOne = p1;
    const p2 = await makePartnerId(db());
    const users = {
      ops: await makeUser(db(), { role: 'sales_ops' }),
      p1: await makeUser(db(), { role: 'partner_user', partnerId: p1 }),
      p1b: await makeUser(db(), { role: 'partner_admin', partnerId: p1 }),
      p2: await makeUser(db(), { role: 'partner_user', partnerId: p2 }),
      rep: await makeUser(db(), { role: 'rep' }),
    };
    for (const [key, user] of Object.entries(users))
      cookies[key as keyof typeof cookies] = await server.login(user.login);
    catalogue = await makeCatalogue(db());
  });
  afterAll(() => server.close());

  const draft = async (cookie = cookies.p1) => {
    const made = await server.call('/api/v1/registrations', {
      cookie,
      json: registrationBody(`苏州${crypto.randomUUID().slice(0, 6)}精密有限公司`, catalogue.crm.productId),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body.id as string;
  };
  const upload = (id: string, filename: string, body: Buffer | string, cookie = cookies.p1, type?: string) =>
    server.call(`/api/v1/registrations/${id}/attachments?filename=${encodeURIComponent(filename)}`, {
      cookie,
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': type ?? 'application/octet-stream' },
    });
  const download = (id: string, attachmentId: string, cookie: string) =>
    fetch(`${server.url}/api/v1/registrations/${id}/attachments/${attachmentId}`, { headers: { cookie } });
  const rows = async (id: string) =>
    (
      await db()
        .selectFrom('registration_attachments')
        .select('id')
        .where('registration_id', '=', id)
        .execute()
    ).length;

  it('stores a file exactly and serves it as a download to whoever may see the registration', async () => {
    const id = await draft();
    const added = await upload(id, 'C:\\Users\\李雷\\客户意向书.png', PNG);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      registrationId: id,
      // The folder a browser put before the name is not part of it.
      fileName: '客户意向书.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    for (const cookie of [cookies.p1, cookies.p1b, cookies.ops]) {
      const got = await download(id, added.body.id, cookie);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('客户意向书.png')}`,
      );
      expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    }
    // A name with quotes and brackets comes back whole, in both of the header's forms.
    const quoted = await upload(id, `O'Brien "quote" (v2).pdf`, PDF);
    expect(quoted.status).toBe(201);
    const named = (await download(id, quoted.body.id, cookies.p1)).headers.get('content-disposition')!;
    expect(named).toBe(
      `attachment; filename="O'Brien _quote_ (v2).pdf"; filename*=UTF-8''O%27Brien%20%22quote%22%20%28v2%29.pdf`,
    );
    expect(decodeURIComponent(named.split("''")[1]!)).toBe(`O'Brien "quote" (v2).pdf`);
    const list = await server.call(`/api/v1/registrations/${id}/attachments`, { cookie: cookies.ops });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([added.body.id, quoted.body.id]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'registration.attachment_added')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      id: added.body.id,
      fileName: '客户意向书.png',
      sizeBytes: PNG.length,
    });
  });

  it('shows another partner’s files to no one outside it: 404 as for an id that does not exist', async () => {
    const id = await draft();
    const added = await upload(id, 'quote.pdf', PDF);
    expect(added.status).toBe(201);
    for (const cookie of [cookies.p2, cookies.rep]) {
      expect((await server.call(`/api/v1/registrations/${id}/attachments`, { cookie })).status).toBe(404);
      expect((await download(id, added.body.id, cookie)).status).toBe(404);
    }
    expect((await upload(id, 'mine.pdf', PDF, cookies.p2)).status).toBe(404);
    const removal = await server.call(`/api/v1/registrations/${id}/attachments/${added.body.id}`, {
      method: 'DELETE',
      cookie: cookies.p2,
    });
    expect(removal.status).toBe(404);
    // A file id of another registration is no file of this one.
    const other = await draft();
    expect((await download(other, added.body.id, cookies.p1)).status).toBe(404);
    // Staff who may see it may read, but attaching is the partner's own people's.
    expect((await upload(id, 'staff.pdf', PDF, cookies.ops)).status).toBe(403);
    expect(await rows(id)).toBe(1);
  });

  it('refuses bad files before writing anything, naming the field and the problem', async () => {
    const id = await draft();
    const script = await upload(id, 'evil.html', '<script>alert(1)</script>');
    expect(script.status).toBe(415);
    expect(script.body.error.details).toMatchObject({ field: 'filename' });
    const renamed = await upload(id, 'invoice.pdf', '<html><script>alert(1)</script></html>');
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'file', problem: 'content_mismatch' }),
    ]);
    const empty = await upload(id, 'empty.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    const tooBig = await upload(id, 'big.pdf', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.details).toMatchObject({ field: 'file', maxBytes: ATTACHMENT_MAX_BYTES });
    const huge = await upload(id, 'huge.pdf', Buffer.concat([PDF, Buffer.alloc(3 * ATTACHMENT_MAX_BYTES)]));
    expect(huge.status).toBe(413);
    const binaryText = await upload(id, 'notes.txt', Buffer.from([0x66, 0x00, 0xff]));
    expect(binaryText.status).toBe(400);
    const noName = await upload(id, '   ', PDF);
    expect(noName.status).toBe(400);
    const json = await server.call(`/api/v1/registrations/${id}/attachments?filename=a.pdf`, {
      cookie: cookies.p1,
      json: { file: 'x' },
    });
    expect(json.status).toBe(415);
    expect(await rows(id)).toBe(0);
  });

  it('caps the files a registration carries, and lets them go only before submission', async () => {
    const id = await draft();
    const ids: string[] = [];
    for (let i = 0; i < ATTACHMENTS_PER_REGISTRATION; i++) {
      const added = await upload(id, `note-${i}.txt`, `会议纪要 ${i}`, cookies.p1, 'text/plain');
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      ids.push(added.body.id);
    }
    const over = await upload(id, 'one-more.txt', 'x');
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'ATTACHMENT_LIMIT',
      details: { max: ATTACHMENTS_PER_REGISTRATION, count: ATTACHMENTS_PER_REGISTRATION },
    });
    const removed = await server.call(`/api/v1/registrations/${id}/attachments/${ids[0]}`, {
      method: 'DELETE',
      cookie: cookies.p1b,
    });
    expect(removed.status).toBe(204);
    expect(await rows(id)).toBe(ATTACHMENTS_PER_REGISTRATION - 1);
    const submitted = await server.call(`/api/v1/registrations/${id}/submit`, {
      cookie: cookies.p1,
      json: {},
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // Evidence may still be added while the registration is open, but not taken back.
    expect((await upload(id, 'later.pdf', PDF)).status).toBe(201);
    const late = await server.call(`/api/v1/registrations/${id}/attachments/${ids[1]}`, {
      method: 'DELETE',
      cookie: cookies.p1,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REGISTRATION_WRONG_STATE');
    const withdrawn = await server.call(`/api/v1/registrations/${id}/withdraw`, {
      cookie: cookies.p1,
      json: { reason: 'customer went elsewhere' },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect((await upload(id, 'after.pdf', PDF)).status).toBe(409);
  });

  it('keeps a partner within its attachment space, all its registrations together', async () => {
    const set = (mib: number) =>
      server.call('/api/v1/registrations/settings', {
        method: 'PATCH',
        cookie: cookies.ops,
        json: { attachmentQuotaMiB: mib },
      });
    expect((await set(1)).status).toBe(200);
    try {
      // p1's earlier files count too: start from what it keeps now, then fill up to the 1 MiB.
      const room = 1024 * 1024 - (await partnerBytes(db(), partnerOne));
      const first = await draft();
      const filler = Buffer.concat([PDF, Buffer.alloc(room - PDF.length - 100)]);
      expect((await upload(first, 'filler.pdf', filler)).status).toBe(201);
      const second = await draft(cookies.p1b);
      const over = await upload(second, 'one-more.pdf', Buffer.concat([PDF, Buffer.alloc(200)]), cookies.p1b);
      expect(over.status).toBe(409);
      expect(over.body.error).toMatchObject({
        code: 'ATTACHMENT_QUOTA',
        details: { quotaBytes: 1024 * 1024, usedBytes: 1024 * 1024 - 100 },
      });
      expect(await rows(second)).toBe(0);
      // Another partner's space is its own.
      expect((await upload(await draft(cookies.p2), 'theirs.pdf', PDF, cookies.p2)).status).toBe(201);
      // A file small enough still fits.
      expect((await upload(second, 'small.pdf', PDF, cookies.p1b)).status).toBe(201);
    } finally {
      expect((await set(1024)).status).toBe(200);
    }
  });
});
