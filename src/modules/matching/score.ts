import { keyOf, tradeId } from './keys.js';
import type { Features } from './normalize.js';
import { designates } from './normalize.js';
import { toPinyin } from './pinyin.js';
import type { MatchEvidence, MatchResult, ScoreConfig, ScoreOptions, Verdict } from './score-config.js';
import { pointsToScore, scoreConfig } from './score-config.js';
import { bareNameUnique, regionRelation, sharedValues } from './score-evidence.js';
import { pinyinSimilarity, SIMILAR_NAMES } from './similarity.js';

export * from './score-config.js';

export interface Points {
  points: number;
  verdict: Verdict;
}

type NameRelation = 'equal' | 'homophone' | 'similar' | 'different';

/**
 * Whether a bare name is, in this population, the trade name of a company written out more fully: records
 * carry it with other industry words than this one (创投家 beside 北京创投家软件开发有限公司).
 */
function claimed(f: Features, config: ScoreConfig): boolean {
  // Asked for every pair with a bare name in it; the answer is the record's, so it is kept per record.
  let known = claimedIn.get(config);
  if (!known) claimedIn.set(config, (known = new WeakMap()));
  let answer = known.get(f);
  if (answer === undefined) {
    const id = tradeId(f);
    answer = config.frequency(keyOf.trade(id)) > config.frequency(keyOf.name(id, f.industry));
    known.set(f, answer);
  }
  return answer;
}
const claimedIn = new WeakMap<ScoreConfig, WeakMap<Features, boolean>>();

/** One item per side whose USCC failed validation: reported, never weighed. */
const usccIgnored = (bad: NonNullable<Features['usccProblem']>): MatchEvidence => ({
  code: 'uscc.ignored',
  params: { uscc: bad.code, problem: bad.problem },
});

/**
 * The scoring itself. `reasons` is filled when given; bulk callers pass undefined to avoid allocating (every
 * push is `reasons?.push(…)`, so no evidence object or parameter is built for them).
 * Every term is symmetric in (a, b), so score(a, b) === score(b, a).
 */
export function scorePoints(
  a: Features,
  b: Features,
  config: ScoreConfig,
  reasons?: MatchEvidence[],
  out: Points = { points: 0, verdict: 'different' },
): Points {
  const w = config.weights;
  let points = w.prior;

  // USCC
  let usccRelation: 'equal' | 'conflict' | null = null;
  if (a.uscc && b.uscc) {
    usccRelation = a.uscc === b.uscc ? 'equal' : 'conflict';
    if (usccRelation === 'equal') {
      points += w.usccEqual;
      reasons?.push({ code: 'uscc.equal', params: { uscc: a.uscc }, points: w.usccEqual });
    } else {
      // Not weighed: the hard rule below decides.
      reasons?.push({ code: 'uscc.conflict', params: { a: a.uscc, b: b.uscc } });
    }
  } else if (reasons) {
    if (a.usccProblem) reasons.push(usccIgnored(a.usccProblem));
    if (b.usccProblem) reasons.push(usccIgnored(b.usccProblem));
  }

  // Name
  const crossScript = a.script !== b.script;
  let nameRelation: NameRelation | null = null;
  let resplit = false;
  if (a.tradeName && b.tradeName) {
    let namePoints: number;
    let similarity = 0;
    if (!crossScript && a.tradeName === b.tradeName) {
      nameRelation = 'equal';
      namePoints = w.nameEqual;
    } else if (a.tradePinyin === b.tradePinyin && a.tradePinyin) {
      nameRelation = crossScript || a.script === 'en' ? 'equal' : 'homophone';
      namePoints = nameRelation === 'equal' ? w.nameEqual : w.nameHomophone;
    } else if (crossScript && a.corePinyin && a.corePinyin === b.corePinyin) {
      // "Run Da Guo Ji Advertising" romanised 国际 as part of the trade name: same words, split elsewhere.
      nameRelation = 'equal';
      resplit = true;
      namePoints = w.nameEqual;
    } else {
      similarity = pinyinSimilarity(a.tradePinyin, b.tradePinyin);
      if (similarity >= SIMILAR_NAMES) {
        nameRelation = 'similar';
        namePoints = w.nameSimilar * similarity;
      } else {
        nameRelation = 'different';
        namePoints = designates(a) && designates(b) ? w.nameDifferent : w.nameDifferentBare;
      }
    }
    if ((a.genericName || b.genericName) && namePoints > 0) namePoints *= w.genericNameFactor;
    points += namePoints;
    if (reasons) {
      const pair = { a: a.tradeName, b: b.tradeName };
      reasons.push(
        nameRelation === 'similar'
          ? {
              code: 'name.similar',
              params: { ...pair, similarity: Math.round(similarity * 100) / 100 },
              points: namePoints,
            }
          : { code: `name.${nameRelation}`, params: pair, points: namePoints },
      );
    }
    // A bare name (a brand, a short name) beside another name: whose it is depends on the list. If another
    // company goes by it, it is that company's; if none does, it may well be a brand of this one.
    if (nameRelation === 'different' && namePoints === w.nameDifferentBare) {
      // Runs for many pairs: no arrays or closures here.
      const bareA = !designates(a);
      const bareB = !designates(b);
      const taken = bareA && claimed(a, config) ? a : bareB && claimed(b, config) ? b : null;
      if (taken) {
        points += w.nameClaimed;
        reasons?.push({ code: 'name.claimed', params: { name: taken.tradeName }, points: w.nameClaimed });
      } else {
        points += w.nameUnclaimed;
        const name = (bareA ? a : b).tradeName;
        reasons?.push({ code: 'name.unclaimed', params: { name }, points: w.nameUnclaimed });
      }
    }
  }

  // Region
  if (a.region && b.region) {
    const relation = regionRelation(a.region, b.region, crossScript);
    const fromAddress = a.regionSource === 'address' || b.regionSource === 'address';
    const regionPoints =
      relation === 'equal'
        ? w.regionEqual
        : relation === 'compatible'
          ? w.regionCompatible
          : fromAddress
            ? w.regionConflictAddress
            : w.regionConflict;
    points += regionPoints;
    reasons?.push({
      code: `region.${relation}`,
      params: { a: a.region.name, b: b.region.name, fromAddress },
      points: regionPoints,
    });
  }

  // A valid USCC says where the company was registered; a name's region elsewhere contradicts it.
  if (!(a.region && b.region) && !(a.uscc && b.uscc)) {
    const [named, coded] = a.region ? [a, b] : [b, a];
    if (named.region && !coded.region && coded.usccProvince) {
      const same = named.region.province === coded.usccProvince;
      const provincePoints = same ? w.usccProvinceEqual : w.usccProvinceConflict;
      points += provincePoints;
      reasons?.push({
        code: same ? 'region.uscc_province_equal' : 'region.uscc_province_conflict',
        params: { region: named.region.name, province: coded.usccProvince },
        points: provincePoints,
      });
    }
  }

  // Same name but region or industry missing on one side: one company only if nothing else in the
  // population carries this name with a different region or industry (a bare 华源 could be any 华源).
  if (nameRelation === 'equal' && !resplit && !a.genericName && !b.genericName) {
    if (bareNameUnique(a, b, config)) {
      points += w.nameUnique;
      reasons?.push({
        code: 'name.unique',
        params: {
          name: a.tradeName,
          industry: a.industry || b.industry || null,
          region: (a.region ?? b.region)?.name ?? null,
        },
        points: w.nameUnique,
      });
    }
  }

  // Industry
  // Industry words only mean something when the names agree; a brand's words are not its legal industry.
  if (a.industry && b.industry && !resplit && nameRelation !== 'different') {
    const relation =
      a.industry === b.industry
        ? 'equal'
        : a.industry.includes(b.industry) || b.industry.includes(a.industry)
          ? 'compatible'
          : 'conflict';
    const industryPoints =
      relation === 'equal'
        ? w.industryEqual
        : relation === 'conflict'
          ? w.industryConflict
          : w.industryPartial;
    points += industryPoints;
    reasons?.push({
      code: `industry.${relation}`,
      params: { a: a.industry, b: b.industry },
      points: industryPoints,
    });
  }

  if (reasons && a.legalForm && b.legalForm && a.legalForm !== b.legalForm) {
    reasons.push({ code: 'legal_form.differs', params: { a: a.legalForm, b: b.legalForm } });
  }

  const phonePoints = sharedValues(a.phones, b.phones, keyOf.phone, w.phone, config, 'phone.shared', reasons);
  points += phonePoints;
  points += sharedValues(a.emails, b.emails, keyOf.email, w.email, config, 'email.shared', reasons);
  const domainPoints = sharedValues(
    a.domains,
    b.domains,
    keyOf.domain,
    w.domain,
    config,
    'domain.shared',
    reasons,
  );
  points += domainPoints;
  // Both records list contacts and none agree: weak evidence of two companies (a company has several
  // numbers, so only a little), which keeps two bare same names with their own phones apart.
  if (phonePoints === 0 && a.phones.length > 0 && b.phones.length > 0 && w.phonesDisjoint !== 0) {
    points += w.phonesDisjoint;
    reasons?.push({ code: 'phone.none_shared', params: {}, points: w.phonesDisjoint });
  }
  if (domainPoints === 0 && a.domains.length > 0 && b.domains.length > 0 && w.domainsDisjoint !== 0) {
    points += w.domainsDisjoint;
    reasons?.push({ code: 'domain.none_shared', params: {}, points: w.domainsDisjoint });
  }

  // Branches
  let branchMismatch = false;
  if (a.isBranch !== b.isBranch) {
    branchMismatch = true;
    // Not weighed: the hard rule below keeps the verdict below 'same'.
    reasons?.push({ code: 'branch.mismatch', params: {} });
  } else if (
    a.isBranch &&
    a.branchName &&
    b.branchName &&
    toPinyin(a.branchName) !== toPinyin(b.branchName)
  ) {
    points += w.branchConflict;
    reasons?.push({
      code: 'branch.conflict',
      params: { a: a.branchName, b: b.branchName },
      points: w.branchConflict,
    });
  }

  // Hard rules, in order of authority.
  const belowSame = config.samePoints - 1e-6;
  let verdict: Verdict =
    points >= config.samePoints ? 'same' : points >= config.possiblePoints ? 'possible' : 'different';
  if (usccRelation === 'conflict') {
    points = Math.min(points, config.possiblePoints - 1);
    verdict = 'different';
  } else if (usccRelation === 'equal') {
    const clearlyDifferent = nameRelation === 'different' && a.legalForm !== null && b.legalForm !== null;
    if (clearlyDifferent || branchMismatch) {
      points = Math.max(config.possiblePoints, Math.min(points, belowSame));
      verdict = 'possible';
    } else {
      points = Math.max(points, config.samePoints);
      verdict = 'same';
    }
  } else if (branchMismatch && verdict === 'same') {
    points = belowSame;
    verdict = 'possible';
  }
  out.points = points;
  out.verdict = verdict;
  return out;
}

/** Compare two records field by field: a score, a verdict and the reasons for it. */
export function scorePair(a: Features, b: Features, options: ScoreOptions | ScoreConfig = {}): MatchResult {
  const config = 'samePoints' in options ? options : scoreConfig(options);
  const reasons: MatchEvidence[] = [];
  const { points, verdict } = scorePoints(a, b, config, reasons);
  return { score: pointsToScore(points), verdict, reasons };
}
