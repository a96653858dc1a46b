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
