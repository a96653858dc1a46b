/**
 * Regions (GB/T 2260) and industries (GB/T 4754-2017) as the web uses them: the shapes of
 * GET /api/v1/regions and GET /api/v1/industries, and pure look-ups over them for pickers and labels.
 */

export interface RegionNode {
  /** 6 digits: province XX0000, city XXYY00, district XXYYZZ. */
  code: string;
  /** Chinese, as the standard names it. */
  name: string;
  children?: RegionNode[];
}

export interface IndustryDivision {
  code: string;
  zh: string;
  en: string;
}

export interface IndustrySection extends IndustryDivision {
  /** A–T. */
  code: string;
  divisions: IndustryDivision[];
}

/** Looks a region up by code: the nodes from its province down to it. Built once per tree. */
export class RegionIndex {
  private readonly paths = new Map<string, RegionNode[]>();

  constructor(readonly tree: readonly RegionNode[]) {
    const walk = (nodes: readonly RegionNode[], above: RegionNode[]) => {
      for (const node of nodes) {
        const path = [...above, node];
        this.paths.set(node.code, path);
        if (node.children) walk(node.children, path);
      }
    };
    walk(tree, []);
  }

  /** The codes from the province down to `code` (a Cascader's value); [] for an unknown code. */
  path(code: string | null | undefined): string[] {
    return code ? (this.paths.get(code)?.map((n) => n.code) ?? []) : [];
  }

  /**
   * Province, city and district names of a code, as the server derives them: a municipality (北京市) is its
   * own city. The duplicate check reads names, so the form sends them beside the code.
   */
  names(
    code: string | null | undefined,
  ): { province: string; city: string | null; district: string | null } | null {
    const path = code ? this.paths.get(code) : undefined;
    const [province, second, third] = path ?? [];
    if (!province) return null;
    if (!second) return { province: province.name, city: null, district: null };
    if (!second.code.endsWith('00'))
      return { province: province.name, city: province.name, district: second.name };
    return { province: province.name, city: second.name, district: third?.name ?? null };
  }

  /** 广东省 / 广州市 / 天河区; null for an unknown code. */
  label(code: string | null | undefined, separator = ' / '): string | null {
    const path = code ? this.paths.get(code) : undefined;
    return path ? path.map((n) => n.name).join(separator) : null;
  }
}

/** The UI language: English names for 'en', the standard's Chinese ones otherwise. */
export type UiLanguage = string;
const nameIn = (item: IndustryDivision, language: UiLanguage) => (language === 'en' ? item.en : item.zh);

/** Industries by code (a section letter or a division), named in the UI language. */
export class IndustryIndex {
  private readonly byCode = new Map<string, { item: IndustryDivision; section: IndustrySection | null }>();

  constructor(readonly sections: readonly IndustrySection[]) {
    for (const section of sections) {
      this.byCode.set(section.code, { item: section, section: null });
      for (const division of section.divisions) this.byCode.set(division.code, { item: division, section });
    }
  }

  name(code: string | null | undefined, language: UiLanguage): string | null {
    const found = code ? this.byCode.get(code) : undefined;
    return found ? nameIn(found.item, language) : null;
  }

  /** The section a division belongs to (null for a section or an unknown code). */
  sectionOf(code: string): IndustrySection | null {
    return this.byCode.get(code)?.section ?? null;
  }

  /**
   * TreeSelect data: sections with their divisions. `sectionsSelectable` for a filter (a section means all
   * its divisions); a customer's industry is a division. Titles carry the code, so typing 65 finds it.
   */
  treeData(language: UiLanguage, sectionsSelectable: boolean): IndustryOption[] {
    return this.sections.map((s) => ({
      value: s.code,
      title: `${s.code} ${nameIn(s, language)}`,
      selectable: sectionsSelectable,
      children: s.divisions.map((d) => ({ value: d.code, title: `${d.code} ${nameIn(d, language)}` })),
    }));
  }
}

export interface IndustryOption {
  value: string;
  title: string;
  selectable?: boolean;
  children?: IndustryOption[];
}

/**
 * An account's place fields. Records from before the codes have only the free text; the codes are null
 * for them until someone picks a region or an industry.
 */
export interface PlacedAccount {
  province: string | null;
  city: string | null;
  district: string | null;
  industry: string | null;
  regionCode?: string | null | undefined;
  industryCode?: string | null | undefined;
}

/** Where a customer is, from its code, else from the text it was recorded with. */
export function regionText(account: PlacedAccount, regions: RegionIndex | null): string | null {
  const coded = regions?.label(account.regionCode, ' ');
  if (coded) return coded;
  const text = [account.province, account.city, account.district].filter(Boolean);
  // A municipality's city repeats its province (北京市 北京市 朝阳区).
  return text.filter((v, i) => text.indexOf(v) === i).join(' ') || null;
}

/** A customer's industry in the UI language, from its code, else the text it was recorded with. */
export function industryText(
  account: PlacedAccount,
  industries: IndustryIndex | null,
  language: UiLanguage,
): string | null {
  return industries?.name(account.industryCode, language) ?? account.industry;
}
