import { sql, type Kysely } from 'kysely';

/**
 * Audit rows carry their writer's transaction id (`xact`) instead of a note in `audit_pending`: one insert
 * less per audited write. The chainer keeps what it saw last in `audit_chainer`: the first transaction id
 * not yet started then (`next_xact`) and the transactions still running then (`running`). Every row it has
 * not linked belongs to one of those, so it finds them all by `xact` alone — whatever order ids were handed
 * out in and however late their writers commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log add column xact bigint;
    alter table audit_log alter column xact set default (pg_current_xact_id()::text::bigint);
    -- Transaction ids grow with time, as the table does: a BRIN index costs writers next to nothing.
    create index audit_xact on audit_log using brin (xact);

    create table audit_chainer (
      singleton boolean primary key default true check (singleton),
      next_xact bigint not null,
      running bigint[] not null
    );

    -- Rows still waiting in audit_pending get transaction id 0, which the chainer's first pass looks for.
    -- Only this migration ever changes an audit row, and only this column, which no hash covers.
    alter table audit_log disable trigger audit_log_no_update;
    update audit_log set xact = 0 where id in (select audit_id from audit_pending);
    alter table audit_log enable trigger audit_log_no_update;
    insert into audit_chainer (next_xact, running)
      select pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
        array(select x::text::bigint from pg_snapshot_xip(pg_current_snapshot()) x) || 0::bigint;
    drop table audit_pending;
  `.execute(db);
}
