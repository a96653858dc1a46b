import type { Column } from '../../kernel/index.js';
import { formatPhone } from '../matching/index.js';
import type { Scorecard } from '../reports/index.js';

/** Column headings of exported files, in the reader's language; values stay as stored (codes, dates). */
export type Language = 'zh-CN' | 'en';
type Heading = Record<Language, string>;

const list = (values: readonly string[] | null | undefined) => (values ?? []).join('; ');
const phones = (values: readonly string[] | null | undefined) => list((values ?? []).map(formatPhone));

export interface ColumnSpec<T> {
  heading: Heading;
  value: Column<T>['value'];
}

export function localise<T>(specs: readonly ColumnSpec<T>[], language: Language): Column<T>[] {
  return specs.map((s) => ({ header: s.heading[language], value: s.value }));
}

export interface AccountExportRow {
  id: string;
  legal_name: string;
  english_name: string | null;
  aliases: string[];
  uscc: string | null;
  phones: string[];
  emails: string[];
  website: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  industry: string | null;
  region_code: string | null;
  industry_code: string | null;
  size: string | null;
  tags: string[];
  owner_id: string | null;
  status: string;
  created_at: string;
}

export const ACCOUNT_COLUMNS: ColumnSpec<AccountExportRow>[] = [
  { heading: { 'zh-CN': '编号', en: 'ID' }, value: (r) => r.id },
  { heading: { 'zh-CN': '客户名称', en: 'Legal name' }, value: (r) => r.legal_name },
  { heading: { 'zh-CN': '英文名称', en: 'English name' }, value: (r) => r.english_name },
  { heading: { 'zh-CN': '简称', en: 'Aliases' }, value: (r) => list(r.aliases) },
  { heading: { 'zh-CN': '统一社会信用代码', en: 'USCC' }, value: (r) => r.uscc },
  { heading: { 'zh-CN': '电话', en: 'Phones' }, value: (r) => phones(r.phones) },
  { heading: { 'zh-CN': '邮箱', en: 'E-mails' }, value: (r) => list(r.emails) },
  { heading: { 'zh-CN': '网址', en: 'Website' }, value: (r) => r.website },
  { heading: { 'zh-CN': '省', en: 'Province' }, value: (r) => r.province },
  { heading: { 'zh-CN': '市', en: 'City' }, value: (r) => r.city },
  { heading: { 'zh-CN': '区县', en: 'District' }, value: (r) => r.district },
  { heading: { 'zh-CN': '地址', en: 'Street' }, value: (r) => r.street },
  { heading: { 'zh-CN': '行政区划代码', en: 'Region code (GB/T 2260)' }, value: (r) => r.region_code },
  { heading: { 'zh-CN': '行业', en: 'Industry' }, value: (r) => r.industry },
  { heading: { 'zh-CN': '行业代码', en: 'Industry code (GB/T 4754)' }, value: (r) => r.industry_code },
  { heading: { 'zh-CN': '规模', en: 'Size' }, value: (r) => r.size },
  { heading: { 'zh-CN': '标签', en: 'Tags' }, value: (r) => list(r.tags) },
  { heading: { 'zh-CN': '负责人编号', en: 'Owner ID' }, value: (r) => r.owner_id },
  { heading: { 'zh-CN': '状态', en: 'Status' }, value: (r) => r.status },
  { heading: { 'zh-CN': '创建时间', en: 'Created at' }, value: (r) => r.created_at },
];

export interface ContactExportRow {
  id: string;
  account_id: string;
  account_name: string;
  name: string;
  mobile: string | null;
  email: string | null;
  title: string | null;
}

export const CONTACT_COLUMNS: ColumnSpec<ContactExportRow>[] = [
  { heading: { 'zh-CN': '编号', en: 'ID' }, value: (r) => r.id },
  { heading: { 'zh-CN': '客户编号', en: 'Account ID' }, value: (r) => r.account_id },
  { heading: { 'zh-CN': '客户名称', en: 'Account' }, value: (r) => r.account_name },
  { heading: { 'zh-CN': '姓名', en: 'Name' }, value: (r) => r.name },
  { heading: { 'zh-CN': '手机', en: 'Mobile' }, value: (r) => (r.mobile ? formatPhone(r.mobile) : null) },
  { heading: { 'zh-CN': '邮箱', en: 'E-mail' }, value: (r) => r.email },
  { heading: { 'zh-CN': '职务', en: 'Title' }, value: (r) => r.title },
];

export interface UserExportRow {
  id: string;
  login: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  role: string;
  status: string;
  team_id: string | null;
  partner_id: string | null;
  created_at: string;
}

export const USER_COLUMNS: ColumnSpec<UserExportRow>[] = [
  { heading: { 'zh-CN': '编号', en: 'ID' }, value: (r) => r.id },
  { heading: { 'zh-CN': '登录名', en: 'Login' }, value: (r) => r.login },
  { heading: { 'zh-CN': '姓名', en: 'Name' }, value: (r) => r.display_name },
  { heading: { 'zh-CN': '邮箱', en: 'E-mail' }, value: (r) => r.email },
  { heading: { 'zh-CN': '电话', en: 'Phone' }, value: (r) => (r.phone ? formatPhone(r.phone) : null) },
  { heading: { 'zh-CN': '角色', en: 'Role' }, value: (r) => r.role },
  { heading: { 'zh-CN': '状态', en: 'Status' }, value: (r) => r.status },
  { heading: { 'zh-CN': '团队编号', en: 'Team ID' }, value: (r) => r.team_id },
  { heading: { 'zh-CN': '伙伴编号', en: 'Partner ID' }, value: (r) => r.partner_id },
  { heading: { 'zh-CN': '创建时间', en: 'Created at' }, value: (r) => r.created_at },
];

export interface AuditExportRow {
  id: string;
  at: string;
  actor_label: string;
  actorName: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  entityName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  decision_id: string | null;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** `2026-11-29 08:15:03` in `timeZone`: what a spreadsheet sorts and a person reads as local time. */
export function localDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The audit trail as people read it: local time in the organisation's zone (named in the heading), who
 * acted by name, the record's name where the reader may see it; codes and the states stay for the record.
 */
export function auditColumns(timeZone: string): ColumnSpec<AuditExportRow>[] {
  return [
    { heading: { 'zh-CN': '编号', en: 'ID' }, value: (r) => r.id },
    {
      heading: { 'zh-CN': `时间（${timeZone}）`, en: `Time (${timeZone})` },
      value: (r) => localDateTime(r.at, timeZone),
    },
    { heading: { 'zh-CN': '操作人', en: 'Actor' }, value: (r) => r.actorName ?? r.actor_label },
    { heading: { 'zh-CN': '操作人登录名', en: 'Actor login' }, value: (r) => r.actor_label },
    { heading: { 'zh-CN': '操作', en: 'Action' }, value: (r) => r.action },
    { heading: { 'zh-CN': '对象类型', en: 'Entity type' }, value: (r) => r.entity_type },
    { heading: { 'zh-CN': '对象名称', en: 'Record name' }, value: (r) => r.entityName },
    { heading: { 'zh-CN': '对象编号', en: 'Entity ID' }, value: (r) => r.entity_id },
    { heading: { 'zh-CN': '原因', en: 'Reason' }, value: (r) => r.reason },
    { heading: { 'zh-CN': '之前', en: 'Before' }, value: (r) => json(r.before) },
    { heading: { 'zh-CN': '之后', en: 'After' }, value: (r) => json(r.after) },
    { heading: { 'zh-CN': '决定编号', en: 'Decision ID' }, value: (r) => r.decision_id },
    { heading: { 'zh-CN': '时间（UTC）', en: 'At (UTC)' }, value: (r) => r.at },
  ];
}

export interface ImportResultRow {
  line: number;
  id: string;
  name: string;
  phone: string[];
  cluster_id: string;
  verdict: string;
  decision: string;
  outcome: string | null;
  account_ids: string[];
}

export const IMPORT_RESULT_COLUMNS: ColumnSpec<ImportResultRow>[] = [
  { heading: { 'zh-CN': '行号', en: 'Line' }, value: (r) => r.line },
  { heading: { 'zh-CN': '编号', en: 'ID' }, value: (r) => r.id },
  { heading: { 'zh-CN': '客户名称', en: 'Name' }, value: (r) => r.name },
  { heading: { 'zh-CN': '电话', en: 'Phones' }, value: (r) => list(r.phone) },
  { heading: { 'zh-CN': '分组', en: 'Cluster' }, value: (r) => r.cluster_id },
  { heading: { 'zh-CN': '判断', en: 'Verdict' }, value: (r) => r.verdict },
  { heading: { 'zh-CN': '处理', en: 'Decision' }, value: (r) => r.decision },
  { heading: { 'zh-CN': '结果', en: 'Outcome' }, value: (r) => r.outcome },
  { heading: { 'zh-CN': '客户编号', en: 'Account IDs' }, value: (r) => list(r.account_ids) },
];

const amounts = (values: Scorecard['registered']) =>
  values.map((a) => `${a.currency} ${a.amount}`).join('; ');

/** A partner's scorecard from the channel report: rates as the report's decimal strings, amounts per currency. */
export const SCORECARD_COLUMNS: ColumnSpec<Scorecard>[] = [
  { heading: { 'zh-CN': '伙伴编号', en: 'Partner ID' }, value: (r) => r.partnerId },
  { heading: { 'zh-CN': '伙伴', en: 'Partner' }, value: (r) => r.name },
  { heading: { 'zh-CN': '级别', en: 'Tier' }, value: (r) => r.tier.code },
  { heading: { 'zh-CN': '已提交', en: 'Submitted' }, value: (r) => r.submitted },
  { heading: { 'zh-CN': '已批准', en: 'Approved' }, value: (r) => r.approved },
  { heading: { 'zh-CN': '已驳回', en: 'Rejected' }, value: (r) => r.rejected },
  { heading: { 'zh-CN': '批准率', en: 'Approval rate' }, value: (r) => r.approvalRate.rate },
  { heading: { 'zh-CN': '赢单', en: 'Won' }, value: (r) => r.won },
  { heading: { 'zh-CN': '丢单', en: 'Lost' }, value: (r) => r.lost },
  { heading: { 'zh-CN': '赢单率', en: 'Win rate' }, value: (r) => r.winRate.rate },
  { heading: { 'zh-CN': '冲突', en: 'Conflicts' }, value: (r) => r.conflicts },
  { heading: { 'zh-CN': '冲突率', en: 'Conflict rate' }, value: (r) => r.conflictRate.rate },
  {
    heading: { 'zh-CN': '审批时长中位数（小时）', en: 'Median approval time (h)' },
    value: (r) => r.approvalTime.medianHours,
  },
  {
    heading: { 'zh-CN': '审批时长 P90（小时）', en: 'P90 approval time (h)' },
    value: (r) => r.approvalTime.p90Hours,
  },
  { heading: { 'zh-CN': '登记金额', en: 'Registered amount' }, value: (r) => amounts(r.registered) },
  { heading: { 'zh-CN': '赢单金额', en: 'Won amount' }, value: (r) => amounts(r.wonAmount) },
];
