import { withQuery, type Query } from '../api/client.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What can be exported from one page: a list and its current filters, under a name when there are several. */
export interface ExportSource {
  key: string;
  /** Shown as a group heading when a page offers several lists. */
  label?: string;
  path: string;
  query?: Query;
}

/** The address of an export: the list's filters, the format, and headings in the UI language. */
export function exportHref(source: ExportSource, format: ExportFormat, language: string): string {
  return withQuery(source.path, {
    ...source.query,
    format,
    lang: language === 'en' ? 'en' : 'zh-CN',
  });
}
