import type { FieldProblem } from '../../errors.js';
import { findIndustry, industryFromText } from '../industries/index.js';
import { findRegion, parseRegion, regionNames } from '../regions/index.js';

/**
 * Where a customer is and what it does, as standard codes (GB/T 2260 region, GB/T 4754 division) — what
 * territories and assignment rules match on. A code someone chose is kept ('given'); otherwise it is read
 * from the address, then from the USCC's registration authority, then from the company's name ('address',
 * 'uscc', 'name' for regions; 'text', 'name' for industries), and left empty where nothing says it
 * unambiguously. The source is stored beside the code so an assignment can say why. Pure.
 */
export const REGION_SOURCES = ['given', 'address', 'uscc', 'name'] as const;
export const INDUSTRY_SOURCES = ['given', 'text', 'name'] as const;
export type RegionSource = (typeof REGION_SOURCES)[number];
export type IndustrySource = (typeof INDUSTRY_SOURCES)[number];

export interface PlaceValues {
  legalName: string;
  uscc: string | null;
  usccValid: boolean;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  industry: string | null;
  regionCode: string | null;
  regionSource: RegionSource | null;
  industryCode: string | null;
  industrySource: IndustrySource | null;
}

/** Codes a person typed that are not in the standards, named field by field. */
export function codeProblems(input: {
  regionCode?: string | null | undefined;
  industryCode?: string | null | undefined;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.regionCode && !findRegion(input.regionCode))
    problems.push({ field: 'regionCode', problem: 'unknown_region', message: 'is not a GB/T 2260 code' });
  if (input.industryCode && !findIndustry(input.industryCode))
    problems.push({
      field: 'industryCode',
      problem: 'unknown_industry',
      message: 'is not a GB/T 4754 division',
    });
  return problems;
}

/** The division a valid USCC's registration authority sits in (its 3rd–8th characters), or the nearest one known. */
function usccRegion(uscc: string | null, valid: boolean): string | null {
  if (!uscc || !valid) return null;
  const code = uscc.slice(2, 8);
  for (const candidate of [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])
    if (/^[0-9]{6}$/.test(candidate) && findRegion(candidate)) return candidate;
  return null;
}

function deriveRegion(v: PlaceValues): { code: string | null; source: RegionSource | null } {
  const address = [v.province, v.city, v.district, v.street].filter(Boolean).join('');
  const fromAddress = parseRegion(address);
  if (fromAddress) return { code: fromAddress.code, source: 'address' };
  const fromUscc = usccRegion(v.uscc, v.usccValid);
  if (fromUscc) return { code: fromUscc, source: 'uscc' };
  const fromName = parseRegion(v.legalName);
  return fromName ? { code: fromName.code, source: 'name' } : { code: null, source: null };
}

function deriveIndustry(v: PlaceValues): { code: string | null; source: IndustrySource | null } {
  const fromText = industryFromText(v.industry);
  if (fromText) return { code: fromText.code, source: 'text' };
  const fromName = industryFromText(v.legalName);
  return fromName ? { code: fromName.code, source: 'name' } : { code: null, source: null };
}

/**
 * The values with their codes settled. A given region code also writes its names (province, city,
 * district), so that what people read and what matching compares agree with the code; a given industry
 * fills an empty industry text with the division's name.
 */
export function placeCustomer<T extends PlaceValues>(v: T): T {
  const next = { ...v };
  if (v.regionCode && v.regionSource === 'given') {
    const names = regionNames(v.regionCode);
    if (names) Object.assign(next, names);
  } else Object.assign(next, regionOf(deriveRegion(v)));
  if (v.industryCode && v.industrySource === 'given') {
    next.industry = v.industry ?? findIndustry(v.industryCode)?.zh ?? null;
  } else Object.assign(next, industryOf(deriveIndustry(v)));
  return next;
}

const regionOf = (r: { code: string | null; source: RegionSource | null }) => ({
  regionCode: r.code,
  regionSource: r.source,
});
const industryOf = (i: { code: string | null; source: IndustrySource | null }) => ({
  industryCode: i.code,
  industrySource: i.source,
});

const ADDRESS_FIELDS = ['province', 'city', 'district', 'street'] as const;

/**
 * How an edit moves the codes: a code in the patch is given (null clears it, and the code is read again from
 * the rest); a changed address reads the region again, even over a given code, since the address is newer;
 * otherwise a code read from other values follows them and a given one stays.
 */
export function placeEdited<T extends PlaceValues>(
  next: T,
  patch: Partial<Record<keyof PlaceValues, unknown>>,
): T {
  const regionGiven = patch.regionCode !== undefined && patch.regionCode !== null;
  const addressEdited = ADDRESS_FIELDS.some((f) => patch[f] !== undefined);
  const keepRegion = !regionGiven && !addressEdited && next.regionSource === 'given';
  const industryGiven = patch.industryCode !== undefined && patch.industryCode !== null;
  const keepIndustry = !industryGiven && patch.industry === undefined && next.industrySource === 'given';
  return placeCustomer({
    ...next,
    regionSource: regionGiven || keepRegion ? 'given' : null,
    regionCode: regionGiven || keepRegion ? next.regionCode : null,
    industrySource: industryGiven || keepIndustry ? 'given' : null,
    industryCode: industryGiven || keepIndustry ? next.industryCode : null,
  });
}
