import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISION_KINDS } from '../../../../src/kernel/decision.js';
import { loose } from '../../i18n/errorText.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from '../../i18n/testing.js';
import {
  ADMISSION_SOURCES,
  candidateVerdict,
  DECISION_EVIDENCE_CODES,
  DECISION_RULES,
  DECISION_VERDICTS,
  isKnownVerdict,
} from './decisionCodes.js';
import { ruleParamTexts, verdictText } from './DecisionView.js';

const serverSrc = fileURLToPath(new URL('../../../../src/', import.meta.url));

/** The server's own sources (tests left out), as text: what they emit is what the web must translate. */
function serverSources(dir = serverSrc): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

describe('the decision codes the web knows', () => {
  const sources = serverSources();
  const decidingSources = () => sources.filter(({ text }) => text.includes('.decide({'));

  it('include every evidence code the server writes into a decision', () => {
    const known = new Set<string>(DECISION_EVIDENCE_CODES);
    const emitted = sources.flatMap(({ text }) => all(text, /\bevidence\('([a-z_.]+)'/g));
    expect(emitted.length).toBeGreaterThan(5);
    for (const code of emitted) expect(known, code).toContain(code);
    // Codes built from a value (`match.${verdict}`) where decisions are made: the web lists that prefix.
    const prefixes = decidingSources().flatMap(({ text }) => all(text, /code: `([a-z_]+)\.\$\{/g));
    expect(prefixes).toContain('match');
    for (const prefix of prefixes)
      expect(
        DECISION_EVIDENCE_CODES.some((c) => c.startsWith(`${prefix}.`)),
        prefix,
      ).toBe(true);
  });

  it('include every verdict of every kind of decision, and every rule that decides', () => {
    const decided = decidingSources();
    const pairs = decided.flatMap(({ text }) =>
      [...text.matchAll(/kind: '([a-z_.]+)',[\s\S]*?verdict: ([^\n]+)/g)].flatMap((m) =>
        all(m[2]!, /'([a-z_]+)'/g).map((verdict) => [m[1]!, verdict] as const),
      ),
    );
    expect(pairs.length).toBeGreaterThan(5);
    for (const [kind, verdict] of pairs) {
      expect(DECISION_KINDS as readonly string[], kind).toContain(kind);
      expect(isKnownVerdict(kind as (typeof DECISION_KINDS)[number], verdict), `${kind} ${verdict}`).toBe(
        true,
      );
    }
    const rules = decided.flatMap(({ text }) => [
      ...all(text, /id: '([a-z_.]+)', version/g),
      ...all(text, /const RULE = '([a-z_.]+)'/g),
    ]);
    expect(rules.length).toBeGreaterThan(1);
    for (const rule of rules) expect(DECISION_RULES as readonly string[], rule).toContain(rule);
  });

  it('are all translated in both languages, the Chinese without English words', () => {
    for (const lng of TEST_LANGUAGES) {
      const lt = loose(t[lng]);
      const texts = [
        ...DECISION_KINDS.map((kind) => lt(`decisions.kinds.${kind}`)),
        ...DECISION_KINDS.flatMap((kind) =>
          DECISION_VERDICTS[kind].map((verdict) => verdictText(t[lng], { kind, verdict })),
        ),
        ...DECISION_RULES.map((rule) => lt(`decisions.rules.${rule}`)),
        ...DECISION_EVIDENCE_CODES.map((code) => lt(`decisions.labels.${code}`)),
        ...ADMISSION_SOURCES.map((source) => lt(`decisions.sources.${source}`)),
      ];
      for (const text of texts) {
        expect(text, lng).not.toMatch(/^(decisions\.|account\.|import\.)/);
        if (lng === 'zh-CN') expect(text).not.toMatch(ENGLISH_WORD);
      }
    }
  });
});

describe('rule parameters', () => {
  it('say the thresholds and the occasion the duplicate check ran with', () => {
    expect(ruleParamTexts(t.en, { same: 0.92, source: 'update', possible: 0.6 })).toEqual([
      'same customer from 0.92',
      'possibly the same from 0.6',
      'on a change',
    ]);
    expect(ruleParamTexts(t['zh-CN'], { same: 0.92, source: 'create' })).toEqual([
      '同一客户阈值 0.92',
      '场景：新建',
    ]);
  });

  it('show a parameter the web does not know as it is', () => {
    expect(ruleParamTexts(t.en, { window: 30, pools: ['a', 'b'], nested: { x: 1 } })).toEqual([
      'window: 30',
      'pools: a, b',
      'nested: {"x":1}',
    ]);
  });
});

describe('candidateVerdict', () => {
  it('reads a candidate’s verdict from its code', () => {
    expect(candidateVerdict('match.possible')).toBe('possible');
    expect(candidateVerdict('match.none')).toBeNull();
    expect(candidateVerdict('owner.creator')).toBeNull();
  });
});
