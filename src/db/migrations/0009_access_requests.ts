import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * A rep whose new customer turns out to exist, held where they may not see it, asks for access or flags a
 * conflict instead of hitting a dead end. The owner's manager (or sales ops) decides; the decision is
 * recorded, and the ownership rules (a later issue) act on it.
 *
 * - `access_requests`: one open request per requester and account (a partial unique index), so two
 *   clicks, two tabs or two nodes cannot file it twice.
 * - `access_ref_key`: the key that seals the opaque references the duplicate check hands out for hidden
 *   matches (AES-GCM over account, requester and expiry), so a caller can name a hidden customer it was
 *   shown, never probe one by id. One row, made here; every node reads the same key.
 * - `organization.reveal_owner_on_conflict`: whether such a caller is told who holds the customer (the
 *   owner's display name and team — nothing of the customer), so they know whom to talk to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organization add column reveal_owner_on_conflict boolean not null default true;

    create table access_ref_key (
      id int primary key default 1 check (id = 1),
      key bytea not null check (length(key) = 32),
      created_at timestamptz not null default now()
    );

    create table access_requests (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      requester_id uuid not null references users(id),
      kind text not null check (kind in ('access', 'conflict')),
      customer_name text not null,
      note text,
      status text not null default 'open' check (status in ('open', 'granted', 'denied', 'withdrawn')),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_note text,
      decision_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status in ('granted', 'denied')) = (decided_by is not null and decided_at is not null))
    );
    create unique index access_requests_one_open on access_requests (requester_id, account_id)
      where status = 'open';
    create index access_requests_account on access_requests (account_id, created_at desc);
    create index access_requests_status on access_requests (status, created_at desc);
  `.execute(db);
  await sql`insert into access_ref_key (id, key) values (1, ${randomBytes(32)})`.execute(db);
}
