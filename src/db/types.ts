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
}

export interface AuditPendingTable {
  audit_id: string;
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
  created_at: CreatedAt;
  updated_at: Timestamp;
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
  audit_pending: AuditPendingTable;
  audit_checkpoints: AuditCheckpointTable;
  decisions: DecisionTable;
  events: EventTable;
  jobs: JobTable;
  assignment_rule_sets: AssignmentRuleSetTable;
  assignment_cursors: AssignmentCursorTable;
  user_absences: UserAbsenceTable;
  user_capacity: UserCapacityTable;
  product_lines: ProductLineTable;
  products: ProductTable;
  opportunity_lines: OpportunityLineTable;
  quotes: QuoteTable;
  quote_lines: QuoteLineTable;
  overlap_alerts: OverlapAlertTable;
}
