import type { Db } from '../../db/database.js';
import { contextOf, type TestUser } from '../../db/testing/factories.js';
import { addAttachment } from '../../modules/registrations/attachments.service.js';
import { withdrawRegistration } from '../../modules/registrations/review.service.js';
import { createRegistration } from '../../modules/registrations/registrations.service.js';
import { registrationBody } from '../../modules/registrations/testing.js';
import type { WorldObject } from './visibility-world.js';

/**
 * Deal registrations in the matrix world: partner P2's draft and a withdrawn one, each with a file — out of sight of P1's
 * people and of every internal role but scope all. Mutating probes aim at the withdrawn one, which every
 * transition refuses (409) once the caller may see it, so no cell changes what the others read.
 */
export async function buildRegistrationWorld(
  db: Db,
  world: {
    mark: (kind: string) => string;
    add: (key: string, id: string, marker: string | null, seenBy: WorldObject['seenBy']) => string;
    p2User: TestUser;
    partnerId: string;
    productId: string;
  },
) {
  const ctx = await contextOf(db, world.p2User);
  const registration = async () => {
    const marker = world.mark('rg');
    const made = await createRegistration(
      db,
      ctx,
      registrationBody(`测试${marker}科技有限公司`, world.productId),
    );
    world.add(`registration ${marker}`, made.id, marker, (s) => s.registration(world.partnerId));
    return made.id;
  };
  const draftP2 = await registration();
  const withdrawnP2 = await registration();
  // A file on each: downloads aim at the draft's, removals at the withdrawn one's (refused, 409).
  const note = (id: string) => addAttachment(db, ctx, id, '客户意向书.txt', Buffer.from('matrix world'));
  const attachmentP2 = (await note(draftP2)).id;
  const withdrawnAttachmentP2 = (await note(withdrawnP2)).id;
  await withdrawRegistration(db, ctx, withdrawnP2, 'matrix world');
  return { draftP2, withdrawnP2, attachmentP2, withdrawnAttachmentP2 };
}
