import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../../src/kernel/audit-actions.js';
import { loose } from '../../i18n/errorText.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from '../../i18n/testing.js';

const serverSrc = fileURLToPath(new URL('../../../../src/', import.meta.url));

/** The server's own sources (tests left out): what they audit is what the web must translate. */
function serverSources(dir = serverSrc): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/**
 * Every action and entity type a use case writes: the `action:` and `entityType:` of each `.audit({ … })`,
 * every quoted code on that line (`archived ? 'account.archived' : 'account.restored'` gives both).
 */
function audited(field: 'action' | 'entityType'): { code: string; path: string }[] {
  const call = /\.audit\(\{([\s\S]*?)\}\);/g;
  const line = new RegExp(`\\b${field}:([^\\n]*)`);
  return serverSources().flatMap(({ path, text }) =>
    [...text.matchAll(call)].flatMap((m) => {
      const value = line.exec(m[1]!)?.[1] ?? '';
      // On a one-line call the rest of the line follows: actions are the dotted codes, the type the first.
      const codes =
        field === 'action'
          ? [...value.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((q) => q[1]!)
          : [/'([a-z_-]+)'/.exec(value)?.[1]].filter((c) => c !== undefined);
      return codes.map((code) => ({ code, path }));
    }),
  );
}

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

describe('audit actions', () => {
  it('the registry holds every action the server writes', () => {
    const written = audited('action');
    expect(written.length).toBeGreaterThan(20);
    expect(written.map((w) => w.code)).toContain('account.archived');
    expect(written.map((w) => w.code)).toContain('account.restored');
    for (const { code, path } of written) expect(AUDIT_ACTIONS, `${code} in ${path}`).toContain(code);
  });

  it('the registry holds every kind of record the server names', () => {
    const written = audited('entityType');
    expect(written.length).toBeGreaterThan(20);
    for (const { code, path } of written) expect(AUDIT_ENTITY_TYPES, `${code} in ${path}`).toContain(code);
  });

  it('every action and record type has a text in both languages, the Chinese without English words', () => {
    for (const lng of TEST_LANGUAGES) {
      const lt = loose(t[lng]);
      for (const action of AUDIT_ACTIONS) {
        const text = lt(`audit.actions.${action}`);
        expect(text, `${lng} ${action}`).not.toBe(`audit.actions.${action}`);
        expect(text, `${lng} ${action}`).not.toContain(action);
        // "API" is what Chinese users call it too.
        if (lng === 'zh-CN') expect(text.replace('API', ''), action).not.toMatch(ENGLISH_WORD);
      }
      for (const type of AUDIT_ENTITY_TYPES)
        expect(lt(`audit.entityTypes.${type}`), `${lng} ${type}`).not.toBe(`audit.entityTypes.${type}`);
    }
  });
});
