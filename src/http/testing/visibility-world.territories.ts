import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import {
  activateModel,
  addAuthorisation,
  createDraft,
  grantException,
  revokeException,
  saveTerritory,
} from '../../modules/territories/index.js';
import type { WorldObject } from './visibility-world.js';

/**
 * The territories part of the matrix world: an active model with one territory and four authorisations —
 * partner P1's and P2's, team A's and team B's — a draft copied from it, and a fence exception for P2 whose
 * note carries a marker. P2's authorisation and exception are out of sight of everyone but scope all; team
 * B's authorisation of everyone outside team B.
 */
export async function buildTerritoryWorld(
  db: Db,
  world: {
    mark: (kind: string) => string;
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    admin: TestUser;
    partners: { p1: string; p2: string };
    teams: { a: string; b: string };
  },
) {
  const admin = await contextOf(db, world.admin);
  const { p1, p2 } = world.partners;
  const model = await createDraft(db, admin, { name: world.mark('tm') });
  await saveTerritory(db, admin, model.id, {
    code: 'south',
    parentCode: null,
    name: '华南',
    areas: ['440000'],
  });
  const authorise = (party: { partnerId: string } | { teamId: string }) =>
    addAuthorisation(db, admin, model.id, {
      territoryCode: 'south',
      ...party,
      industryCodes: [],
      productLineCodes: [],
      exclusive: false,
      effect: 'include',
      validFrom: '2020-01-01',
      validUntil: null,
    });
  const authP1 = await authorise({ partnerId: p1 });
  const authP2 = await authorise({ partnerId: p2 });
  const authA = await authorise({ teamId: world.teams.a });
  const authB = await authorise({ teamId: world.teams.b });
  await activateModel(db, admin, model.id);
  const draft = await createDraft(db, admin, { name: world.mark('tm') });
  // Copies in the draft carry new ids: only scope all reads the draft.
  world.add('authorisation of P1', authP1.id, null, (s) => s.partnerAuthorisation(p1));
  world.add('authorisation of P2', authP2.id, null, (s) => s.partnerAuthorisation(p2));
  world.add('authorisation of team A', authA.id, null, (s) => s.teamAuthorisation(world.teams.a));
  world.add('authorisation of team B', authB.id, null, (s) => s.teamAuthorisation(world.teams.b));
  const note = world.mark('ex');
  const exception = await grantException(db, admin, {
    partnerId: p2,
    regionCode: '320000',
    note,
    expiresOn: '2099-12-31',
  });
  await revokeException(db, admin, exception.id);
  world.add('fence exception of P2', exception.id, note, (s) => s.partnerAuthorisation(p2));
  return { active: model.id, draft: draft.id, exceptionP2: exception.id };
}
