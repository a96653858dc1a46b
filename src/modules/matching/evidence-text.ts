/**
 * Match evidence in English, for the places that must write text for operators (the `fairshare dedupe`
 * CSV). The web does not use this: it translates the codes itself (match.evidence.<code>).
 */
import type { EvidenceCode, EvidenceParams, MatchEvidence } from './evidence.js';

const pair = (p: { a: string; b: string }) => `${p.a} / ${p.b}`;
const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;
const fromAddress = (p: { fromAddress: boolean }) => (p.fromAddress ? ' (from address)' : '');

// One phrase per code; a code missing here fails the type check.
const PHRASES: { [C in EvidenceCode]: (params: EvidenceParams[C]) => string } = {
  'uscc.equal': (p) => `same USCC ${p.uscc}`,
  'uscc.conflict': (p) => `different USCCs ${pair(p)}`,
  'uscc.ignored': (p) => `USCC ${p.uscc} not used (${p.problem})`,
  'name.equal': (p) => `same name ${pair(p)}`,
  'name.homophone': (p) => `names sound alike ${pair(p)}`,
  'name.similar': (p) => `similar names ${pair(p)} (${Math.round(p.similarity * 100)}%)`,
  'name.different': (p) => `different names ${pair(p)}`,
  'name.unique': (p) =>
    `the only ${p.name}${p.industry ? ` ${p.industry}` : ''}${p.region ? ` in ${p.region}` : ''} in the list`,
  'name.claimed': (p) => `${p.name} is the name of another company in the list`,
  'name.unclaimed': (p) => `no company in the list goes by ${p.name}: it may be a brand`,
  'region.equal': (p) => `same region ${pair(p)}${fromAddress(p)}`,
  'region.compatible': (p) => `same province ${pair(p)}${fromAddress(p)}`,
  'region.conflict': (p) => `different regions ${pair(p)}${fromAddress(p)}`,
  'region.uscc_province_equal': (p) => `region ${p.region} matches the USCC's province ${p.province}`,
  'region.uscc_province_conflict': (p) => `region ${p.region}, but the USCC is registered in ${p.province}`,
  'industry.equal': (p) => `same industry words ${pair(p)}`,
  'industry.compatible': (p) => `industry words partly differ ${pair(p)}`,
  'industry.conflict': (p) => `different industry words ${pair(p)}`,
  'legal_form.differs': (p) => `legal forms differ ${pair(p)} (not weighed)`,
  'phone.shared': (p) => `phone ${p.value} shared by ${records(p.holders)}`,
  'email.shared': (p) => `email ${p.value} shared by ${records(p.holders)}`,
  'domain.shared': (p) => `domain ${p.value} shared by ${records(p.holders)}`,
  'phone.none_shared': () => 'no phone number in common',
  'domain.none_shared': () => 'no domain in common',
  'branch.mismatch': () => 'a branch office and its parent are separate customers',
  'branch.conflict': (p) => `different branches ${pair(p)}`,
  'cluster.uscc_conflict': (p) => `kept apart: the two groups have different USCCs ${pair(p)}`,
  'cluster.region_conflict': (p) => `kept apart: the two groups are in different regions ${pair(p)}`,
  'cluster.industry_conflict': (p) =>
    `kept apart: the two groups write ${p.name} with different industry words ${pair(p)}`,
  'cluster.name_conflict': (p) => `kept apart: the two groups hold two company names ${pair(p)}`,
};

function phrase<C extends EvidenceCode>(evidence: { code: C; params: EvidenceParams[C] }): string {
  return PHRASES[evidence.code](evidence.params);
}

/** One piece of evidence in English, with its points when weighed: "same name 字节跳动 / 字节跳动 (+3.0)". */
export function evidenceText(evidence: MatchEvidence): string {
  const text = phrase(evidence);
  if (evidence.points === undefined) return text;
  return `${text} (${evidence.points > 0 ? '+' : ''}${evidence.points.toFixed(1)})`;
}
