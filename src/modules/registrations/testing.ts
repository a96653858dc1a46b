import type { Db } from '../../db/database.js';
import { contextOf, makeUser } from '../../db/testing/factories.js';
import { createProduct, createProductLine } from '../activities/index.js';
import type { CreateRegistrationInput } from './registrations.schema.js';

/** A catalogue of two product lines with a product each, made by a new sales-ops user. */
export async function makeCatalogue(db: Db) {
  const ops = await contextOf(db, await makeUser(db, { role: 'sales_ops' }));
  const tag = crypto.randomUUID().slice(0, 8);
  const make = async (code: string) => {
    const line = await createProductLine(db, ops, { code: `${code}-${tag}`, nameZh: code, nameEn: code });
    const product = await createProduct(db, ops, {
      code: `${code}-p-${tag}`,
      name: code,
      productLineId: line.id,
      listPrice: '100.00',
      currency: 'CNY',
      active: true,
    });
    return { lineId: line.id, productId: product.id };
  };
  return { crm: await make('crm'), erp: await make('erp') };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A valid registration body for a customer called `legalName`. */
export function registrationBody(
  legalName: string,
  productId: string,
  overrides: Partial<CreateRegistrationInput> = {},
): CreateRegistrationInput {
  return {
    customer: { legalName, phones: [] },
    name: `${legalName} 项目`,
    currency: 'CNY',
    lines: [{ productId, quantity: 2, amount: '50000.00' }],
    expectedClose: inDays(60),
    stage: 'qualify',
    competitors: ['竞品甲'],
    customerContact: { name: '王经理', mobile: '13800138000' },
    ...overrides,
  };
}
