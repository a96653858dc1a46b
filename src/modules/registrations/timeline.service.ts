import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { RequestContext } from '../access/index.js';
import { entityHistory } from '../audit/index.js';
import * as repo from './registrations.repo.js';
import { buildTimeline } from './timeline.js';

/** A registration's steps for whoever may see the registration; a partner reads fewer reasons, no decisions. */
export async function getTimeline(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!row) throw notFound('registration', id);
  return buildTimeline(await entityHistory(db, 'registration', id), { partner: !!ctx.actor.partnerId });
}
