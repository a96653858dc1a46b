/**
 * The API's shapes, taken from the server's own zod schemas (type-only imports: nothing from src/ is bundled
 * except the pure role/permission tables), so a changed reply breaks the web type-check instead of the UI.
 */
import type { z } from 'zod';
import type {
  batchResult,
  creditLineSchema,
  transactionDetailSchema,
  transactionSchema,
} from '../../../src/modules/transactions/transactions.schema.js';
import type {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBody,
  meSchema,
} from '../../../src/modules/auth/auth.schema.js';
import type {
  accountDetailSchema,
  accountMergeSchema,
  accountSchema,
  checkAccountBody,
  checkResultSchema,
  contactInput,
  createAccountBody,
  createdAccountSchema,
  matchSchema,
  mergeResultSchema,
  reasonSchema,
  updateAccountBody,
  warningSchema,
} from '../../../src/modules/accounts/accounts.schema.js';
import type {
  ClusterDecision,
  ClusterOutcome,
  ClusterReason,
  ClusterVerdict,
  ImportRecord,
  ImportStatus,
  importClusterSchema,
  importJobSchema,
} from '../../../src/modules/imports/imports.schema.js';
import type { bulkArchiveResultSchema } from '../../../src/modules/accounts/accounts.bulk.schema.js';
import type { MergeDelta } from '../../../src/modules/accounts/merge.js';
import type {
  AccessRequestStatus,
  accessRequestSchema,
  createAccessRequestBody,
  decideAccessRequestBody,
  decidedAccessRequestSchema,
} from '../../../src/modules/access-requests/access-requests.schema.js';
import type {
  auditEntrySchema,
  auditPageSchema,
  auditReportSchema,
} from '../../../src/modules/audit/audit.schema.js';
import type {
  createFollowUpBody,
  followUpPageSchema,
} from '../../../src/modules/activities/follow-ups.schema.js';
import type {
  createOpportunityBody,
  opportunitySchema,
  updateOpportunityBody,
} from '../../../src/modules/activities/opportunities.schema.js';
import type {
  createProductBody,
  createProductLineBody,
  productLineSchema,
  productSchema,
  updateProductBody,
} from '../../../src/modules/activities/products.schema.js';
import type {
  createQuoteBody,
  overlapAlertSchema,
  quoteSchema,
  sentQuoteSchema,
} from '../../../src/modules/activities/quotes.schema.js';
import type { decisionSchema, evidenceSchema } from '../../../src/modules/decisions/decisions.schema.js';
import type { ErrorCode } from '../../../src/errors.js';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../../src/modules/ownership/notifications.schema.js';
import type {
  claimSchema,
  deadlineSchema,
  myCustomerSchema,
  ownershipSchema,
  recoveryRuleBody,
  recoveryRuleSchema,
  teamBody,
  teamMemberSchema,
  transferBody,
} from '../../../src/modules/ownership/ownership.schema.js';
import type {
  distributeBody,
  poolBody,
  pooledAccountSchema,
  poolSchema,
} from '../../../src/modules/ownership/pools.schema.js';
import type {
  absenceBody,
  absenceSchema,
  applySchema,
  eligibilitySchema,
  ruleConditionsSchema,
  ruleSchema,
  ruleSetSchema,
  ruleTargetSchema,
  saveRuleSetBody,
  whatIfSchema,
} from '../../../src/modules/assignment/assignment.schema.js';
import type {
  distributionReportSchema,
  kpisSchema,
  overlapReportSchema,
} from '../../../src/modules/reports/reports.schema.js';
import type { Verdict } from '../../../src/modules/matching/index.js';
import type { channelReportSchema } from '../../../src/modules/reports/channel.schema.js';
import type {
  certificationBody,
  certificationTypeSchema,
  createPartnerBody,
  inviteBody,
  inviteReply,
  statusBody,
  statusReply,
  updateTierBody,
} from '../../../src/modules/partners/partners.schema.js';
import type {
  addAuthorisationBody,
  grantExceptionBody,
  saveTerritoryBody,
} from '../../../src/modules/territories/territories.schema.js';
import type { orgSchema, updateOrgBody } from '../../../src/modules/org/org.schema.js';
import type { createTeamBody, teamSchema, updateTeamBody } from '../../../src/modules/teams/teams.schema.js';
import type {
  createdUserSchema,
  createUserBody,
  updateUserBody,
  userSchema,
} from '../../../src/modules/users/users.schema.js';

import type {
  availabilityBody,
  availabilitySchema,
  createRegistrationBody,
  updateRegistrationBody,
  updateSettingsBody,
} from '../../../src/modules/registrations/registrations.schema.js';
export type { Permission, Role } from '../../../src/modules/access/permissions.js';

export type Me = z.infer<typeof meSchema>;
export type User = z.infer<typeof userSchema>;
export type CreatedUser = z.infer<typeof createdUserSchema>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;
export type UserStatus = User['status'];
export type Language = NonNullable<User['language']>;

export type Team = z.infer<typeof teamSchema>;
export type CreateTeamBody = z.input<typeof createTeamBody>;
export type UpdateTeamBody = z.input<typeof updateTeamBody>;

export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type CreateTokenBody = z.input<typeof createTokenBody>;

export type Organization = z.infer<typeof orgSchema>;
export type UpdateOrganizationBody = z.input<typeof updateOrgBody>;

export type Account = z.infer<typeof accountSchema>;
export type AccountDetail = z.infer<typeof accountDetailSchema>;
export type Contact = AccountDetail['contacts'][number];
export type AccountStatus = Account['status'];
export type AccountSize = NonNullable<Account['size']>;
// Output types: the schemas' list items are typed ZodType<string>, whose input type is unknown.
export type CheckAccountBody = z.infer<typeof checkAccountBody>;
export type CreateAccountBody = z.infer<typeof createAccountBody>;
export type UpdateAccountBody = z.infer<typeof updateAccountBody>;
export type ContactBody = z.infer<typeof contactInput>;
export type UpdateContactBody = Partial<ContactBody>;
export type { MergeDelta };

/**
 * One piece of evidence for or against two records being one company: a code with parameters, translated
 * by the web (match.evidence.<code>); 'legacy' for evidence stored before codes existed.
 */
export type MatchEvidence = z.infer<typeof reasonSchema>;
export type EvidenceCode = MatchEvidence['code'];
/**
 * An existing customer that may be the one being entered. A match the caller may not see (`visible` false)
 * says only that it exists and whether someone owns it.
 */
export type DuplicateMatch = z.infer<typeof matchSchema>;
export type AccountWarning = z.infer<typeof warningSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type CreatedAccount = z.infer<typeof createdAccountSchema>;
// The server describes a merge's delta loosely in OpenAPI; its TypeScript shape is MergeDelta.
export type MergeResult = Omit<z.infer<typeof mergeResultSchema>, 'delta'> & { delta: MergeDelta };
// A merge's delta is withheld (null) from readers who may not see where the values came from.
export type AccountMerge = Omit<z.infer<typeof accountMergeSchema>, 'delta'> & { delta: MergeDelta | null };

/** A request for a customer held out of the requester's sight: access, or a conflict to settle. */
export type AccessRequest = z.infer<typeof accessRequestSchema>;
export type CreateAccessRequestBody = z.input<typeof createAccessRequestBody>;
export type DecideAccessRequestBody = z.input<typeof decideAccessRequestBody>;
export type DecidedAccessRequest = z.infer<typeof decidedAccessRequestSchema>;
export type { AccessRequestStatus };

export type ImportJob = z.infer<typeof importJobSchema>;
/** The job that analyses or imports a list: queued, running, retried after a failure, or given up. */
export type ImportJobRun = NonNullable<ImportJob['job']>;
export type ImportProblem = ImportJob['problems'][number];
export type ImportProblemCode = ImportProblem['code'];
export type ImportCluster = z.infer<typeof importClusterSchema>;
export type { ClusterDecision, ClusterOutcome, ClusterReason, ClusterVerdict, ImportRecord, ImportStatus };

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** A page of the audit trail, with the organisation's time zone to show its times in. */
export type AuditPage = z.infer<typeof auditPageSchema>;
/** What `GET /api/v1/audit/verify` found: counts, the latest checkpoint, and each problem by its code. */
export type AuditReport = z.infer<typeof auditReportSchema>;
export type AuditProblem = AuditReport['problems'][number];
export type AuditProblemCode = AuditProblem['code'];

/** A decision: what was decided about what, by which rule and version, on which evidence (codes). */
export type Decision = z.infer<typeof decisionSchema>;
export type DecisionKind = Decision['kind'];
export type DecisionEvidence = z.infer<typeof evidenceSchema>;
/** The scorer's verdict on a pair of records; a decision names each candidate as `match.<verdict>`. */
export type MatchVerdict = Verdict;

/** The server's closed list of error codes (src/errors.ts); the web translates each one. */
export type { ErrorCode };

export const USER_STATUSES = ['active', 'absent', 'inactive'] as const satisfies readonly UserStatus[];
export const LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Language[];
/** What the audit trail records: the server's registry (pure data), which the web translates in full. */
export {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type AuditAction,
  type AuditEntityType,
} from '../../../src/kernel/audit-actions.js';
export const ACCESS_REQUEST_STATUSES = [
  'open',
  'granted',
  'denied',
  'withdrawn',
] as const satisfies readonly AccessRequestStatus[];
export const ACCOUNT_STATUSES = ['active', 'archived', 'merged'] as const satisfies readonly AccountStatus[];
export const ACCOUNT_SIZES = [
  'micro',
  'small',
  'medium',
  'large',
  'enterprise',
] as const satisfies readonly AccountSize[];
export const IMPORT_STATUSES = [
  'analyzing',
  'review',
  'importing',
  'done',
  'failed',
] as const satisfies readonly ImportStatus[];
export const CLUSTER_DECISIONS = ['accept', 'split', 'skip'] as const satisfies readonly ClusterDecision[];
export const CLUSTER_VERDICTS = ['same', 'possible', 'unique'] as const satisfies readonly ClusterVerdict[];
export const CLUSTER_OUTCOMES = [
  'created',
  'merged',
  'needs_review',
  'skipped',
] as const satisfies readonly ClusterOutcome[];

/** What a bulk archive did: the accounts archived, and each one left alone with its refusal code. */
export type BulkArchiveResult = z.infer<typeof bulkArchiveResultSchema>;
export type BulkRefusal = BulkArchiveResult['refused'][number];

/** Who holds a customer, until when (its deadline as of now), its team and its earlier holders. */
export type Ownership = z.infer<typeof ownershipSchema>;
export type Deadline = z.infer<typeof deadlineSchema>;
export type DeadlineTrigger = Deadline['trigger'];
export type OwnershipClaim = z.infer<typeof claimSchema>;
export type ClaimKind = OwnershipClaim['kind'];
export type TeamMember = z.infer<typeof teamMemberSchema>;
export type TeamRole = TeamMember['role'];
/** One of the caller's customers, with its countdown. */
export type MyCustomer = z.infer<typeof myCustomerSchema>;
export type Pool = z.infer<typeof poolSchema>;
export type PriorityWindow = NonNullable<Pool['priorityWindow']>;
export type PriorityMeasure = PriorityWindow['measure'];
export const PRIORITY_MEASURES = [
  'won_amount',
  'won_count',
  'follow_ups',
] as const satisfies readonly PriorityMeasure[];
export type PooledAccount = z.infer<typeof pooledAccountSchema>;
export type PoolBody = z.input<typeof poolBody>;
export type DistributeBody = z.input<typeof distributeBody>;
export type RecoveryRule = z.infer<typeof recoveryRuleSchema>;
export type RecoveryRuleBody = z.input<typeof recoveryRuleBody>;
export type TransferBody = z.input<typeof transferBody>;
/** Where handed-over customers go (a transfer, a deactivation). */
export type HandoverTarget = TransferBody['to'];
export type TeamBody = z.input<typeof teamBody>;
export interface ClaimResult {
  accountId: string;
  claimId: string;
  endsAt: string | null;
  decisionId: string;
}
/** An in-app notice: a code (`kind`) with parameters the web puts into words. */
// Its schema lives in the server's routes module, which the web does not type-check; the same shape here.
export interface Notification {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  accountId: string | null;
  readAt: string | null;
  createdAt: string;
}
export { NOTIFICATION_KINDS, type NotificationKind };
export interface NotificationPage extends Page<Notification> {
  unread: number;
}
// Assignment rules (src/modules/assignment): versioned rule sets, what-if, absences and capacity.
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetStatus = RuleSet['status'];
export type AssignmentRule = z.input<typeof ruleSchema>;
export type RuleTarget = z.input<typeof ruleTargetSchema>;
export type RuleTargetType = RuleTarget['type'];
export type RuleConditions = z.input<typeof ruleConditionsSchema>;
export type SaveRuleSetBody = z.input<typeof saveRuleSetBody>;
export type WhatIf = z.infer<typeof whatIfSchema>;
export type RuleSetApply = z.infer<typeof applySchema>;
export type WhatIfMove = WhatIf['moves']['items'][number];
export type Eligibility = z.infer<typeof eligibilitySchema>;
export type Absence = z.infer<typeof absenceSchema>;
export type AbsenceBody = z.input<typeof absenceBody>;
// Activities: follow-ups, the catalogue, opportunities, quotes and overlap alerts.
export type {
  FollowUpKind,
  FollowUpView as FollowUp,
} from '../../../src/modules/activities/follow-ups.schema.js';
export type FollowUpPage = z.infer<typeof followUpPageSchema>;
export type CreateFollowUpBody = z.input<typeof createFollowUpBody>;
export type ProductLine = z.infer<typeof productLineSchema>;
export type Product = z.infer<typeof productSchema>;
export type CreateProductLineBody = z.input<typeof createProductLineBody>;
export type CreateProductBody = z.input<typeof createProductBody>;
export type UpdateProductBody = z.input<typeof updateProductBody>;
export type Opportunity = z.infer<typeof opportunitySchema>;
export type OpportunityStage = Opportunity['stage'];
export type OpportunityStatus = Opportunity['status'];
export type CreateOpportunityBody = z.input<typeof createOpportunityBody>;
export type UpdateOpportunityBody = z.input<typeof updateOpportunityBody>;
export type Quote = z.infer<typeof quoteSchema>;
export type QuoteStatus = Quote['status'];
export type CreateQuoteBody = z.input<typeof createQuoteBody>;
export type SentQuote = z.infer<typeof sentQuoteSchema>;
export type OverlapAlert = z.infer<typeof overlapAlertSchema>;
export type { MoneyProblem } from '../../../src/modules/activities/money.js';

export type DistributionReport = z.infer<typeof distributionReportSchema>;
export type DistributionRow = DistributionReport['rows'][number];
export type OverlapReport = z.infer<typeof overlapReportSchema>;
export type OverlapReason = OverlapReport['accounts'][number]['reasons'][number];
export type Kpis = z.infer<typeof kpisSchema>;

// Channel partners (src/modules/partners).
export type {
  PartnerStatus,
  Partner,
  PartnerDetail,
  Tier as PartnerTier,
} from '../../../src/modules/partners/partners.schema.js';
export type CreatePartnerBody = z.input<typeof createPartnerBody>;
export type PartnerStatusBody = z.input<typeof statusBody>;
export type PartnerStatusReply = z.infer<typeof statusReply>;
export type InviteBody = z.input<typeof inviteBody>;
export type InviteReply = z.infer<typeof inviteReply>;
export type CertificationType = z.infer<typeof certificationTypeSchema>;
export type CertificationBody = z.input<typeof certificationBody>;
export type UpdateTierBody = z.input<typeof updateTierBody>;

export type { AttachmentView as RegistrationAttachment } from '../../../src/modules/registrations/attachments.schema.js';
// Deal registration (src/modules/registrations): the partner portal and the channel's review queue.
export type {
  RegistrationView as Registration,
  RegistrationStatus,
  Refusal as RegistrationRefusal,
  RefusalCode as RegistrationRefusalCode,
  Timeline as RegistrationTimeline,
  TimelineAction as RegistrationTimelineAction,
  RegistrationSettings,
  ReviewRejectionCode,
} from '../../../src/modules/registrations/registrations.schema.js';
export type CreateRegistrationBody = z.input<typeof createRegistrationBody>;
export type UpdateRegistrationBody = z.input<typeof updateRegistrationBody>;
export type UpdateRegistrationSettingsBody = z.input<typeof updateSettingsBody>;
export type AvailabilityBody = z.input<typeof availabilityBody>;
export type Availability = z.infer<typeof availabilitySchema>;
// Territories and the electronic fence (src/modules/territories).
export type {
  ModelView as TerritoryModel,
  TerritoryView as Territory,
  AuthorisationView as TerritoryAuthorisation,
  MapView as TerritoryMap,
  ComparisonView as TerritoryComparison,
  FenceView as FenceVerdict,
  ExceptionView as FenceException,
} from '../../../src/modules/territories/territories.schema.js';
export type SaveTerritoryBody = z.input<typeof saveTerritoryBody>;
export type AddAuthorisationBody = z.input<typeof addAuthorisationBody>;
export type GrantExceptionBody = z.input<typeof grantExceptionBody>;
// Conflict cases (src/modules/cases): each party reads its own side; the channel both.
import type {
  caseSchema,
  caseSettingsSchema,
  caseSideSchema,
  decideBody as decideCaseBody,
  disputeBody,
} from '../../../src/modules/cases/cases.schema.js';
export type Case = z.infer<typeof caseSchema>;
export type CaseSide = z.infer<typeof caseSideSchema>;
export type CaseSettings = z.infer<typeof caseSettingsSchema>;
export type DecideCaseBody = z.input<typeof decideCaseBody>;
export type DisputeBody = z.input<typeof disputeBody>;
export type CaseStatus = Case['status'];
export type CaseOutcome = NonNullable<Case['outcome']>;
export type ChannelReport = z.infer<typeof channelReportSchema>;
export type ChannelScorecard = ChannelReport['partners'][number];
export type ChannelConflictReason = keyof ChannelReport['totals']['conflictsByReason'];
// Transactions and credit (src/modules/transactions).
export type Transaction = z.infer<typeof transactionSchema>;
export type TransactionDetail = z.infer<typeof transactionDetailSchema>;
export type CreditLine = z.infer<typeof creditLineSchema>;
export type TransactionBatchResult = z.infer<typeof batchResult>;
