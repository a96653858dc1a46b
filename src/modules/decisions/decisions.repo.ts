import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DecisionTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';

export type DecisionRow = Selectable<DecisionTable>;

export async function findVisibleDecision(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where(visible('decision', actor))
    .where('decisions.id', '=', id)
    .executeTakeFirst();
}

export async function listVisibleDecisions(
  db: Executor,
  actor: Actor,
  subject: { type: string; id: string },
  page: Page,
) {
  const query = db
    .selectFrom('decisions')
    .where(visible('decision', actor))
    .where('decisions.subject_type', '=', subject.type)
    .where('decisions.subject_id', '=', subject.id);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('decisions.at', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
