import type { NameableEntity } from './audit.repo.js';

/** The record an entry is about, by its entity type; types that name no row (login, export) are absent. */
export const ENTRY_ENTITIES: Partial<Record<string, NameableEntity>> = {
  account: 'account',
  contact: 'contact',
  user: 'user',
  team: 'team',
  api_token: 'token',
  import: 'import',
};

/** Fields of a before/after state that hold the id of another record, and which kind. */
const REFERENCE_FIELDS: Record<string, NameableEntity> = {
  ownerId: 'user',
  managerId: 'user',
  userId: 'user',
  createdBy: 'user',
  teamId: 'team',
  accountId: 'account',
  accountIds: 'account',
  survivorId: 'account',
  mergedId: 'account',
  mergedInto: 'account',
  importId: 'import',
};

export interface NameRequest {
  entity: NameableEntity;
  id: string;
}

/** A `parentId` names a team in a team's state, a parent company in a customer's. */
const referenceOf = (field: string, entityType: string): NameableEntity | undefined =>
  field === 'parentId' ? (entityType === 'team' ? 'team' : 'account') : REFERENCE_FIELDS[field];

/**
 * The records an entry names: the one it is about, the acting user, and every id its before/after states
 * hold in a reference field (walked to a small depth: a merge nests the survivor and the merged record).
 */
export function namesWanted(entry: {
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}): NameRequest[] {
  const wanted: NameRequest[] = [];
  const entity = ENTRY_ENTITIES[entry.entity_type];
  if (entity) wanted.push({ entity, id: entry.entity_id });
  if (entry.actor_id) wanted.push({ entity: 'user', id: entry.actor_id });
  const walk = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [field, inner] of Object.entries(value as Record<string, unknown>)) {
      const ref = referenceOf(field, entry.entity_type);
      if (ref && typeof inner === 'string') {
        wanted.push({ entity: ref, id: inner });
      } else if (ref && Array.isArray(inner)) {
        for (const id of inner) if (typeof id === 'string') wanted.push({ entity: ref, id });
      } else {
        walk(inner, depth + 1);
      }
    }
  };
  walk(entry.before, 0);
  walk(entry.after, 0);
  return wanted;
}

/** Names found per entity, by id. */
export type NameBook = Map<NameableEntity, Map<string, string>>;

/** The requests grouped by entity, for one lookup per entity. */
export function groupRequests(requests: Iterable<NameRequest>): Map<NameableEntity, string[]> {
  const groups = new Map<NameableEntity, string[]>();
  for (const { entity, id } of requests) {
    const ids = groups.get(entity) ?? [];
    ids.push(id);
    groups.set(entity, ids);
  }
  return groups;
}

/** What the reader may see of an entry's names: the record's, the actor's, and those its states refer to. */
export function entryNames(
  entry: Parameters<typeof namesWanted>[0],
  book: NameBook,
): { entityName: string | null; actorName: string | null; refs: Record<string, string> } {
  const entity = ENTRY_ENTITIES[entry.entity_type];
  const refs: Record<string, string> = {};
  for (const { entity: e, id } of namesWanted(entry)) {
    const name = book.get(e)?.get(id);
    if (name !== undefined) refs[id] = name;
  }
  return {
    entityName: entity ? (book.get(entity)?.get(entry.entity_id) ?? null) : null,
    actorName: entry.actor_id ? (book.get('user')?.get(entry.actor_id) ?? null) : null,
    refs,
  };
}
