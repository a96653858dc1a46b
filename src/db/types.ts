import type { ColumnType, Generated } from 'kysely';

/** Timestamps come back from both engines as ISO-8601 UTC strings (see database.ts parsers). */
type Timestamp = ColumnType<string, string | undefined, string>;
type CreatedAt = ColumnType<string, string | undefined, never>;
type Json = unknown;

export interface OrganizationTable {
  id: ColumnType<number, 1, never>;
  name: string;
  time_zone: string;
  currency: string;
  default_language: string;
  match_same: Generated<number>;
  match_possible: Generated<number>;
  reveal_owner_on_conflict: Generated<boolean>;
  won_converts_long_term: Generated<boolean>;
  max_locked_per_user: Generated<number>;
  updated_at: Timestamp;
}

export interface TeamTable {
  id: Generated<string>;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<string>;
  login: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  status: string;
  role: string;
  team_id: string | null;
  manager_id: string | null;
  partner_id: string | null;
  language: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  must_change_password: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: string;
  /** However active, a session ends here (SESSION_MAX_HOURS after sign-in). */
  absolute_expires_at: string;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  login: string;
  failures: number;
  locked_until: string | null;
  updated_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<string, string | undefined, never>;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  reason: string | null;
  request_id: string | null;
  decision_id: string | null;
  /** The writer's transaction id (a column default): how the chainer finds a row committed late. */
  xact: ColumnType<string, never, never>;
}

/** What the chainer saw last: the first transaction id not yet started, and the transactions running. */
export interface AuditChainerTable {
  singleton: Generated<boolean>;
  next_xact: string;
  running: string[];
}

export interface AuditChainTable {
  seq: string;
  audit_id: string;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  id: Generated<string>;
  chain_length: string;
  head_hash: string;
  at: string;
  prev_signature: string | null;
  key_id: string;
  public_key: string;
  signature: string;
}

export interface DecisionTable {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  verdict: string;
  rule: Json;
  evidence: Json;
  not_applied: Generated<Json>;
  effective: Json;
  actor_id: string | null;
  request_id: string | null;
  at: CreatedAt;
}

export interface EventTable {
  id: Generated<string>;
  name: string;
  payload: Json;
  actor_id: string | null;
  request_id: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  run_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: string | null;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  key: string | null;
  status: Generated<string>;
  payload: Generated<Json>;
  phase: string | null;
  done: Generated<number>;
  total: number | null;
  message: Json;
  run_at: Timestamp;
  interval_seconds: number | null;
  lease_until: string | null;
  leased_by: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: string | null;
}

export interface AccountTable {
  id: Generated<string>;
  legal_name: string;
  aliases: Generated<string[]>;
  english_name: string | null;
  uscc: string | null;
  uscc_valid: Generated<boolean>;
  phones: Generated<string[]>;
  emails: Generated<string[]>;
  website: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  industry: string | null;
  region_code: string | null;
  /** given | address | uscc | name: where the region code came from */
  region_source: string | null;
  industry_code: string | null;
  /** given | text | name */
  industry_source: string | null;
  size: string | null;
  source: string | null;
  tags: Generated<string[]>;
  parent_id: string | null;
  is_branch: Generated<boolean>;
  /** Projections of the open ownership claim: written by the ownership module only. */
  owner_id: string | null;
  partner_id: string | null;
  pool_id: Generated<string | null>;
  queue_team_id: Generated<string | null>;
  grade: Generated<'A' | 'B' | 'C' | null>;
  won_at: Generated<string | null>;
  status: Generated<string>;
  merged_into: string | null;
  features: Json;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AccountMatchKeyTable {
  key: string;
  account_id: string;
}

export interface ContactTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  mobile: string | null;
  email: string | null;
  title: string | null;
  archived_at: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AccountMergeTable {
  id: Generated<string>;
  survivor_id: string;
  /** Null when the values came from an import row rather than another account (see `source`). */
  merged_id: string | null;
  source: Json;
  decision_id: string | null;
  reason: string;
  added: Json;
  moved: Json;
  merged_by: string | null;
  merged_at: CreatedAt;
  unmerged_by: string | null;
  unmerged_at: string | null;
}

export interface ImportJobTable {
  id: Generated<string>;
  filename: string;
  status: Generated<string>;
  file: Buffer;
  problems: Generated<Json>;
  summary: Generated<Json>;
  error: string | null;
  job_id: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ImportClusterTable {
  job_id: string;
  cluster_id: string;
  ordinal: number;
  records: Json;
  verdict: string;
  reasons: Json;
  existing: Json;
  decision: Generated<string>;
  outcome: string | null;
  account_ids: Generated<string[]>;
  created_ids: Generated<string[]>;
  decision_id: string | null;
}

export interface AccessRefKeyTable {
  id: ColumnType<number, 1, never>;
  key: Buffer;
  created_at: CreatedAt;
}

export interface AccessRequestTable {
  id: Generated<string>;
  account_id: string;
  requester_id: string;
  kind: 'access' | 'conflict';
  customer_name: string;
  note: string | null;
  status: Generated<'open' | 'granted' | 'denied' | 'withdrawn'>;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  decision_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PoolTable {
  id: Generated<string>;
  name: string;
  kind: Generated<'new' | 'returned' | 'general'>;
  region_prefixes: Generated<string[]>;
  excluded_region_prefixes: Generated<string[]>;
  team_id: string | null;
  product_line: string | null;
  admin_ids: Generated<string[]>;
  member_team_ids: Generated<string[]>;
  claims_per_day: number | null;
  max_owned: number | null;
  max_locked: number | null;
  count_won: Generated<boolean>;
  cooldown_days: Generated<number>;
  embargo_hours: Generated<number>;
  daily_view_cap: number | null;
  mask_contacts: Generated<boolean>;
  priority_hours: Generated<number>;
  priority_measure: 'won_amount' | 'won_count' | 'follow_ups' | null;
  priority_top_n: number | null;
  priority_top_percent: number | null;
  version: Generated<number>;
  archived_at: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecoveryRuleTable {
  id: Generated<string>;
  name: string;
  position: number;
  scope: Generated<'pool' | 'global'>;
  pool_id: string;
  trigger: 'no_follow_up' | 'no_opportunity' | 'not_won';
  days: number;
  grade: 'A' | 'B' | 'C' | null;
  follow_up_kinds: Generated<string[]>;
  min_spacing_hours: Generated<number>;
  remind_days: Generated<number[]>;
  escalate_days: number | null;
  exempt_won: Generated<boolean>;
  exempt_open_opportunity: Generated<boolean>;
  version: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OwnershipClaimTable {
  id: Generated<string>;
  account_id: string;
  holder: 'user' | 'team' | 'partner' | 'pool';
  user_id: string | null;
  team_id: string | null;
  partner_id: string | null;
  pool_id: string | null;
  kind: 'protected' | 'long_term' | 'locked' | 'queued' | 'pooled';
  via: string;
  started_at: Timestamp;
  ends_at: string | null;
  ends_rule: Json;
  reminded_days: Generated<number[]>;
  ended_at: string | null;
  end_reason: string | null;
  decision_id: string | null;
  made_by: string | null;
}

export interface AccountTeamTable {
  account_id: string;
  user_id: string;
  role: 'assisting_rep' | 'product_specialist' | 'key_account_manager' | 'former_owner';
  credit_bp: Generated<number>;
  until: string | null;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface FollowUpTable {
  id: Generated<string>;
  account_id: string;
  user_id: string;
  kind: 'call' | 'visit' | 'meeting' | 'email' | 'message';
  at: string;
  note: string;
  next_step: string | null;
  next_step_at: string | null;
  location: Json;
  by_owner: boolean;
  created_at: CreatedAt;
}

export interface OpportunityTable {
  id: Generated<string>;
  account_id: string;
  owner_id: string | null;
  name: string;
  stage: Generated<string>;
  status: Generated<'open' | 'won' | 'lost'>;
  /** Minor units (fen for CNY); bigint comes back as a string. */
  amount_minor: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
  currency: Generated<string>;
  expected_close: string | null;
  closed_at: string | null;
  lost_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PoolViewTable {
  user_id: string;
  day: string;
  account_id: string;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  params: Json;
  account_id: string | null;
  read_at: string | null;
  created_at: CreatedAt;
}

export interface AssignmentRuleSetTable {
  id: Generated<string>;
  name: string;
  status: Generated<'draft' | 'published' | 'retired'>;
  version: number | null;
  rules: Json;
  based_on: string | null;
  created_by: string | null;
  published_by: string | null;
  published_at: string | null;
  retired_at: string | null;
  decision_id: string | null;
  key_account_manager_first: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AssignmentApplyTable {
  id: Generated<string>;
  rule_set_id: string;
  job_id: string | null;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  accounts_before: string;
  after_created_at: string | null;
  after_id: string | null;
  total: number | null;
  decided: Generated<number>;
  moved: Generated<number>;
  skipped: Generated<number>;
  error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: string | null;
}

export interface AssignmentApplyItemTable {
  apply_id: string;
  account_id: string;
  outcome: 'moved' | 'skipped';
  reason: string | null;
  decision_id: string | null;
}

export interface ProductLineTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Minor units (fen for CNY); bigint comes back as a string. */
type Minor = ColumnType<string, string | bigint, string | bigint>;

export interface ProductTable {
  id: Generated<string>;
  code: string;
  name: string;
  product_line_id: string;
  list_price_minor: Minor;
  currency: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AssignmentCursorTable {
  rule_key: string;
  /** bigint: comes back as a string */
  position: ColumnType<string, string | number | undefined, string | number>;
  last_user_id: string | null;
  updated_at: Timestamp;
}

export interface UserAbsenceTable {
  id: Generated<string>;
  user_id: string;
  /** YYYY-MM-DD, organisation-local */
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface UserCapacityTable {
  user_id: string;
  max_accounts: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface OpportunityLineTable {
  opportunity_id: string;
  position: number;
  product_id: string;
  quantity: number;
}

export interface QuoteTable {
  id: Generated<string>;
  opportunity_id: string;
  account_id: string;
  status: Generated<'draft' | 'sent' | 'accepted' | 'rejected'>;
  currency: string;
  total_minor: Minor;
  valid_from: string;
  valid_until: string;
  note: string | null;
  team_id: string | null;
  partner_id: string | null;
  created_by: string | null;
  sent_at: string | null;
  decided_at: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuoteLineTable {
  quote_id: string;
  position: number;
  product_id: string;
  quantity: number;
  unit_price_minor: Minor;
  discount_bp: number;
  total_minor: Minor;
}

export interface OverlapAlertTable {
  id: Generated<string>;
  kind: 'quote.concurrent';
  account_id: string;
  other_account_id: string;
  quote_id: string;
  other_quote_id: string;
  team_id: string | null;
  partner_id: string | null;
  other_team_id: string | null;
  other_partner_id: string | null;
  window_from: string;
  window_until: string;
  created_at: CreatedAt;
}

export interface OverlapTouchTable {
  id: Generated<string>;
  kind: 'duplicate_check';
  account_id: string;
  user_id: string;
  holder_id: string | null;
  day: string;
  created_at: CreatedAt;
}

export const REGISTRATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'resubmitted',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
  'won',
  'lost',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface RegistrationSettingsTable {
  id: ColumnType<number, 1, never>;
  protection_scope: 'customer' | 'customer_product_line';
  currency: string;
  auto_approve_max_minor: ColumnType<string | null, string | null, string | null>;
  minimum_amount_minor: ColumnType<string, string, string>;
  direct_follow_up_days: number;
  approval_steps: Json;
  extension_max_days: number;
  lookups_per_minute: number;
  updated_at: Timestamp;
  /** Days before a protection ends that its partner is warned (migration 0022). */
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  /** What one partner may keep in registration attachments, in MiB (migration 0028). */
  attachment_quota_mib: ColumnType<number, number | undefined, number>;
}

export interface RegistrationTable {
  id: Generated<string>;
  partner_id: string;
  submitted_by: string;
  status: ColumnType<RegistrationStatus, RegistrationStatus | undefined, RegistrationStatus>;
  customer: Json;
  legal_name: string;
  region_code: string | null;
  industry_code: string | null;
  features: Json;
  account_id: string | null;
  opportunity_id: string | null;
  name: string;
  lines: Json;
  product_line_ids: string[];
  /** Minor units; bigint comes back as a string. */
  amount_minor: ColumnType<string, string, string>;
  currency: string;
  expected_close: string;
  stage: string;
  competitors: string[];
  customer_contact: Json;
  note: string | null;
  refusal: Json;
  protected_until: string | null;
  approvals: Json;
  steps_required: Generated<number>;
  extension: Json;
  decision_id: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RegistrationProtectionTable {
  registration_id: string;
  customer_key: string;
  line_key: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface RegistrationMatchKeyTable {
  registration_id: string;
  key: string;
}

export interface RegistrationLookupTable {
  user_id: string;
  minute: string;
  count: number;
}

/** Warnings sent before a protection ends, one per registration, end and threshold (migration 0022). */
export interface RegistrationReminderTable {
  registration_id: string;
  protected_until: string;
  days: number;
  sent_at: CreatedAt;
}

/** Files attached to a deal registration (migration 0027). */
export interface RegistrationAttachmentTable {
  id: Generated<string>;
  registration_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  created_at: CreatedAt;
}

/** Channel partners (migration 0016). */
export type PartnerStatus = 'applicant' | 'onboarding' | 'active' | 'suspended' | 'terminated';

export interface PartnerTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  status: Generated<PartnerStatus>;
  status_changed_at: Generated<string>;
  tier_id: string;
  manager_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  source: 'staff' | 'application';
  registration_suspended_at: string | null;
  registration_suspended_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PartnerStatusChangeTable {
  id: Generated<string>;
  partner_id: string;
  from_status: PartnerStatus | null;
  to_status: PartnerStatus;
  reason: string;
  decision_id: string | null;
  changed_by: string | null;
  changed_at: CreatedAt;
}

export interface PartnerTierTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  rank: number;
  protection_days: Generated<number>;
  /** Minor units; bigint comes back as a string. */
  auto_approve_max_minor: ColumnType<
    string | null,
    string | number | bigint | null | undefined,
    string | number | bigint | null
  >;
  auto_approve_currency: string | null;
  auto_approve_product_line_ids: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PartnerChecklistItemTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  position: Generated<number>;
  required: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PartnerChecklistTable {
  partner_id: string;
  item_id: string;
  done_at: CreatedAt;
  done_by: string | null;
  note: string | null;
}

export interface PartnerCertificationTypeTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  required: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PartnerCertificationTable {
  id: Generated<string>;
  partner_id: string;
  type_id: string;
  reference: string | null;
  issued_on: string | null;
  expires_on: string;
  lapsed_at: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PriceListEntryTable {
  id: Generated<string>;
  product_id: string;
  /** null: the list price; otherwise a partner tier's code ('gold') */
  tier_code: string | null;
  currency: string;
  price_minor: Minor;
  valid_from: string;
  /** inclusive; null: open-ended */
  valid_until: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface TerritoryModelTable {
  id: Generated<string>;
  name: string;
  status: Generated<'draft' | 'active' | 'retired'>;
  based_on: string | null;
  created_by: string | null;
  activated_by: Generated<string | null>;
  activated_at: Generated<string | null>;
  decision_id: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TerritoryTable {
  model_id: string;
  code: string;
  parent_code: string | null;
  name: string;
  /** GB/T 2260 region codes and ISO 3166 alpha-2 country codes */
  areas: string[];
}

export interface TerritoryAuthorisationTable {
  id: Generated<string>;
  model_id: string;
  territory_code: string;
  partner_id: string | null;
  team_id: string | null;
  industry_codes: string[];
  product_line_codes: string[];
  exclusive: boolean;
  effect: 'include' | 'exclude';
  valid_from: string;
  valid_until: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface TerritoryExceptionTable {
  id: Generated<string>;
  partner_id: string;
  account_id: string | null;
  region_code: string | null;
  note: string;
  expires_on: string;
  granted_by: string | null;
  granted_at: CreatedAt;
  revoked_by: Generated<string | null>;
  revoked_at: Generated<string | null>;
}

/** Conflict cases (migration 0021). */
export const CASE_STATUSES = ['open', 'under_review', 'decided', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_KINDS = ['collision', 'dispute', 'raised'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_OUTCOMES = ['partner_wins', 'direct_wins', 'dismissed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface CaseSettingsTable {
  id: ColumnType<number, 1, never>;
  response_hours: number;
  decision_hours: number;
  open_on_collision: boolean;
  updated_at: Timestamp;
}

export interface CaseTable {
  id: Generated<string>;
  kind: CaseKind;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  registration_id: string;
  partner_id: string;
  account_id: string | null;
  direct_owner_id: string | null;
  other_registration_id: string | null;
  other_partner_id: string | null;
  refusal_code: string | null;
  reason: string | null;
  opened_by: string | null;
  evidence: Json;
  respond_by: string;
  decide_by: string;
  first_response_at: string | null;
  escalated_at: string | null;
  escalated_to: ColumnType<string[], string[] | undefined, string[]>;
  outcome: CaseOutcome | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  actor_id: string | null;
  at: CreatedAt;
}

export interface ExchangeRateTable {
  id: Generated<string>;
  base: string;
  quote: string;
  on_date: string;
  /** numeric: an exact decimal string */
  rate: string;
  set_by: string | null;
  set_at: Timestamp;
}

export type TransactionKind = 'order' | 'invoice' | 'payment' | 'return' | 'credit_note';

export interface TransactionTable {
  id: Generated<string>;
  chain_id: string;
  external_id: string;
  version: number;
  kind: TransactionKind;
  account_id: string;
  currency: string;
  gross_minor: string;
  discount_minor: string;
  net_minor: string;
  margin_minor: string | null;
  transaction_date: string;
  invoice_date: string | null;
  paid_date: string | null;
  base_currency: string;
  base_net_minor: string;
  rate: string;
  rate_date: string | null;
  content_hash: string;
  customer_ref: Json;
  source: 'api' | 'import';
  supersedes_id: string | null;
  superseded_by: string | null;
  correction_reason: string | null;
  reverses_external_id: Generated<string | null>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface TransactionLineTable {
  transaction_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  gross_minor: string;
  discount_minor: string;
  net_minor: string;
  margin_minor: string | null;
}

export interface CreditSplitTable {
  id: Generated<string>;
  transaction_id: string;
  chain_id: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  lines: Json;
  reason: string;
  entered_by: string;
  entered_at: CreatedAt;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  decision_id: string | null;
}

export interface CreditLineTable {
  id: Generated<string>;
  transaction_id: string;
  position: number;
  payee_type: 'user' | 'partner' | 'unassigned';
  user_id: string | null;
  partner_id: string | null;
  role: string;
  overlay: boolean;
  share_bp: number;
  amount_minor: string;
  currency: string;
  source: 'owner_claim' | 'partner_registration' | 'account_team' | 'manual_split' | 'no_holder';
  source_id: string | null;
  evidence: Json;
  decision_id: string;
  superseded_at: string | null;
  created_at: CreatedAt;
}

export interface CommissionPlanTable {
  id: Generated<string>;
  code: string;
  name: string;
  payee_type: 'user' | 'partner';
  status: Generated<'draft' | 'active' | 'retired'>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CommissionPlanVersionTable {
  id: Generated<string>;
  plan_id: string;
  version: number;
  effective_from: string;
  rules: Json;
  reason_code: 'initial' | 'force_majeure' | 'market_change' | 'arbitration' | 'correction' | 'other' | null;
  reason_note: string | null;
  status: Generated<'draft' | 'published' | 'rejected'>;
  warnings: Generated<Json>;
  created_by: string | null;
  created_at: CreatedAt;
  decided_by: string | null;
  decided_at: string | null;
  decision_id: string | null;
}

export interface CommissionPayeeTable {
  id: Generated<string>;
  plan_id: string;
  user_id: string | null;
  partner_id: string | null;
  start_date: string;
  end_date: string | null;
  acknowledged_version_id: string | null;
  acknowledged_at: string | null;
  created_at: CreatedAt;
}

export interface CommissionTargetTable {
  payee_id: string;
  period_start: string;
  version_id: string;
  target: string;
}

export interface CommissionIndexTable {
  code: string;
  period_start: string;
  value: string;
  set_by: string | null;
  /** When the value was last set: a new value replaces the old one (audited). */
  set_at: Timestamp;
}

export type CommissionPeriodStatus = 'open' | 'calculated' | 'approved' | 'locked' | 'paid';

export interface CommissionPeriodTable {
  id: Generated<string>;
  plan_id: string;
  period_start: string;
  period_end: string;
  status: Generated<CommissionPeriodStatus>;
  current_snapshot_id: string | null;
  locked_snapshot_id: string | null;
  approved_by: string | null;
  approved_at: string | null;
  locked_by: string | null;
  locked_at: string | null;
  paid_at: string | null;
}

export interface CommissionSnapshotTable {
  id: Generated<string>;
  period_id: string;
  seq: number;
  kind: 'calculation' | 'recalculation' | 'what_if';
  plan_version_id: string;
  inputs_hash: string;
  payees: number;
  payout_minor: string;
  calculated_by: string | null;
  calculated_at: CreatedAt;
  decision_id: string | null;
}

export interface CommissionResultTable {
  snapshot_id: string;
  payee_id: string;
  currency: string;
  measure: string;
  target: string;
  attainment: string | null;
  tier: number | null;
  earned_minor: string;
  payout_minor: string;
  carried_minor: Generated<string>;
  draw_balance_minor: Generated<string>;
  explanation: Json;
}

export type CommissionLineKind =
  | 'earning'
  | 'returns'
  | 'tier_slice'
  | 'product_rate'
  | 'bonus'
  | 'pool_bonus'
  | 'cap'
  | 'floor'
  | 'draw'
  | 'draw_recovery'
  | 'carried'
  | 'adjustment'
  | 'true_up'
  | 'clawback'
  | 'ytd_prior';

export interface CommissionLineTable {
  id: Generated<string>;
  snapshot_id: string;
  payee_id: string;
  line_no: number;
  kind: CommissionLineKind;
  amount_minor: string;
  basis_minor: string | null;
  rate: string | null;
  tier: number | null;
  formula: Json;
  adjustment_id: string | null;
}

export type CommissionAdjustmentKind =
  'amendment' | 'true_up' | 'clawback' | 'recompute' | 'dispute' | 'prior_period' | 'rate_change';

export interface CommissionAdjustmentTable {
  id: Generated<string>;
  plan_id: string;
  payee_id: string;
  source_period_id: string | null;
  target_period_id: string;
  kind: CommissionAdjustmentKind;
  amount_minor: string;
  old_minor: string | null;
  new_minor: string | null;
  version_id: string | null;
  reason: Json;
  decision_id: string | null;
  created_at: CreatedAt;
}

export interface CommissionDisputeTable {
  id: Generated<string>;
  line_id: string;
  payee_id: string;
  status: Generated<'open' | 'in_review' | 'upheld' | 'rejected'>;
  reason: string;
  raised_by: string;
  raised_at: CreatedAt;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  adjustment_id: string | null;
  decision_id: string | null;
}

export interface CommissionAlertTable {
  period_id: string;
  payee_id: string;
  checkpoint: number;
  attainment: string | null;
  snapshot_id: string | null;
  sent_at: CreatedAt;
}

export interface DB {
  pools: PoolTable;
  recovery_rules: RecoveryRuleTable;
  ownership_claims: OwnershipClaimTable;
  account_team: AccountTeamTable;
  follow_ups: FollowUpTable;
  opportunities: OpportunityTable;
  pool_views: PoolViewTable;
  notifications: NotificationTable;
  access_ref_key: AccessRefKeyTable;
  access_requests: AccessRequestTable;
  import_jobs: ImportJobTable;
  import_clusters: ImportClusterTable;
  account_merges: AccountMergeTable;
  accounts: AccountTable;
  account_match_keys: AccountMatchKeyTable;
  contacts: ContactTable;
  organization: OrganizationTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  audit_chainer: AuditChainerTable;
  audit_checkpoints: AuditCheckpointTable;
  decisions: DecisionTable;
  events: EventTable;
  jobs: JobTable;
  assignment_rule_sets: AssignmentRuleSetTable;
  assignment_cursors: AssignmentCursorTable;
  assignment_applies: AssignmentApplyTable;
  assignment_apply_items: AssignmentApplyItemTable;
  user_absences: UserAbsenceTable;
  user_capacity: UserCapacityTable;
  product_lines: ProductLineTable;
  products: ProductTable;
  opportunity_lines: OpportunityLineTable;
  quotes: QuoteTable;
  quote_lines: QuoteLineTable;
  overlap_alerts: OverlapAlertTable;
  overlap_touches: OverlapTouchTable;
  registration_settings: RegistrationSettingsTable;
  registrations: RegistrationTable;
  registration_protections: RegistrationProtectionTable;
  registration_match_keys: RegistrationMatchKeyTable;
  registration_lookups: RegistrationLookupTable;
  registration_reminders: RegistrationReminderTable;
  registration_attachments: RegistrationAttachmentTable;
  partners: PartnerTable;
  partner_status_changes: PartnerStatusChangeTable;
  partner_tiers: PartnerTierTable;
  partner_checklist_items: PartnerChecklistItemTable;
  partner_checklist: PartnerChecklistTable;
  partner_certification_types: PartnerCertificationTypeTable;
  partner_certifications: PartnerCertificationTable;
  price_list_entries: PriceListEntryTable;
  territory_models: TerritoryModelTable;
  territories: TerritoryTable;
  territory_authorisations: TerritoryAuthorisationTable;
  territory_exceptions: TerritoryExceptionTable;
  case_settings: CaseSettingsTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  exchange_rates: ExchangeRateTable;
  transactions: TransactionTable;
  transaction_lines: TransactionLineTable;
  credit_splits: CreditSplitTable;
  credit_lines: CreditLineTable;
  commission_plans: CommissionPlanTable;
  commission_plan_versions: CommissionPlanVersionTable;
  commission_payees: CommissionPayeeTable;
  commission_targets: CommissionTargetTable;
  commission_indexes: CommissionIndexTable;
  commission_periods: CommissionPeriodTable;
  commission_snapshots: CommissionSnapshotTable;
  commission_results: CommissionResultTable;
  commission_lines: CommissionLineTable;
  commission_adjustments: CommissionAdjustmentTable;
  commission_disputes: CommissionDisputeTable;
  commission_alerts: CommissionAlertTable;
}
