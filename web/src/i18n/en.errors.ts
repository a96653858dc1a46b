import { commissionErrorsEn } from './en.commission.js';
import { caseErrorsEn } from './en.cases.js';
import { commissionExtraErrorsEn } from './en.commissionExtras.js';
import { creditErrorsEn } from './en.transactions.js';
import type { ErrorCode } from '../api/types.js';
import type { AccountState, MergeRefusal } from './errorText.js';

/**
 * One sentence per server error code (src/errors.ts): the satisfies clause makes a code the server adds fail
 * the type check until it is translated here, and zh-CN.errors.ts is typed from this object.
 */
export const errorCodesEn = {
  VALIDATION_FAILED: 'Please check the highlighted fields.',
  UNAUTHENTICATED: 'Please sign in again.',
  INVALID_CREDENTIALS: 'The login or password is incorrect.',
  FORBIDDEN: 'You do not have permission to do this.',
  NOT_FOUND: 'It was not found; it may have been deleted.',
  CONFLICT: 'This conflicts with existing data.',
  DUPLICATE_ACCOUNT: 'This customer already exists.',
  POSSIBLE_DUPLICATE: 'Similar customers exist; confirm with a reason to go ahead.',
  LOGIN_TAKEN: 'Another user already has this login.',
  TEAM_NAME_TAKEN: 'A team with this name already exists here.',
  TEAM_NOT_EMPTY: 'The team still has members or sub-teams; move them elsewhere first.',
  ACCOUNT_NOT_ACTIVE: 'This customer is archived or was merged into another one, so it cannot be changed.',
  MERGE_NOT_REVERSIBLE: 'This merge cannot be taken back: a later change depends on it.',
  ACCESS_REQUEST_OPEN: 'You already asked about this customer; that request is still open.',
  ACCESS_REQUEST_CLOSED: 'This request was already decided or withdrawn.',
  ACCOUNT_READ_ONLY:
    'You see this customer as a collaborator on its account team; only its owner’s side may change it, and a read-only collaborator cannot log activity.',
  ACCESS_REQUEST_SUPERSEDED:
    'Another request for this customer was granted first, so the customer has moved since this request was made. Deny this one, or let the requester ask again.',
  ALREADY_CLAIMED: 'Someone else claimed this customer first; it is no longer in the pool.',
  CLAIM_LIMIT: 'You have reached a limit for claiming or holding customers.',
  CLAIM_COOLDOWN: 'You held this customer until recently; you may claim it again later.',
  POOL_EMBARGO: 'This customer has only just returned to the pool; it can be claimed a little later.',
  POOL_PRIORITY_WINDOW: 'For now only the members ranked highest may claim this customer; try again later.',
  NOT_POOL_MEMBER: 'You are not a member of this pool.',
  USER_HOLDS_CUSTOMERS: 'This user still holds customers. Hand them over first.',
  OPPORTUNITY_CLOSED: 'This opportunity was already won or lost.',
  REGISTRATION_WRONG_STATE: 'The registration is not at the step this needs; reload the page.',
  REGISTRATION_APPROVED_BY_YOU:
    'You approved an earlier step of this registration; another reviewer approves the next.',
  ATTACHMENT_LIMIT: 'This registration already carries as many files as it may; remove one first.',
  ATTACHMENT_QUOTA:
    'Your company’s attachments have reached the space allowed; remove files from drafts you no longer need.',
  QUOTE_WRONG_STATE: 'The quote is not at the step this needs; reload the page.',
  PRODUCT_CODE_TAKEN: 'Another product or product line already has this code.',
  IMPORT_WRONG_STATE: 'The import is not at the step this needs; reload the page.',
  UNPROCESSABLE: 'This cannot be done.',
  RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
  PAYLOAD_TOO_LARGE: 'That is too much data to send at once.',
  UNSUPPORTED_MEDIA_TYPE: 'The request was sent in a form the server does not accept.',
  PASSWORD_CHANGE_REQUIRED: 'Your password was set by someone else. Choose your own first.',
  CONTENTION: 'Others are changing the same records right now. Try again shortly.',
  RULE_SET_NOT_DRAFT: 'This version is published or retired and cannot change; make a draft.',
  RULE_SET_NOT_LIVE: 'Applying the rules to existing customers stopped: a newer version went live.',
  PARTNER_EXISTS: 'This company is already a partner.',
  PARTNER_TRANSITION_INVALID: 'The partner cannot go to that status from where it is now.',
  PARTNER_CHECKLIST_INCOMPLETE: 'Required onboarding items are not done yet.',
  PARTNER_NOT_ACTIVE: 'The partner is not active, so this cannot be done.',
  PARTNER_INACTIVE: 'Your partner is suspended or terminated; you cannot act for it now.',
  PARTNER_REGISTRATION_SUSPENDED: 'The partner’s registration rights are suspended.',
  PRICE_OVERLAP: 'Another price of this product, currency and tier already holds on some of these dates.',
  NO_PRICE: 'No price of this product in this currency holds on that date.',
  TERRITORY_MODEL_NOT_DRAFT: 'This territory model is active or retired and cannot change; make a draft.',
  TERRITORY_CODE_TAKEN: 'This model already has a territory with this code.',
  TERRITORY_IN_USE: 'This territory still has territories below it or authorisations on it.',
  EXCLUSIVE_CONFLICT: 'This overlaps another party’s authorisation where one of them is exclusive.',
  OUTSIDE_TERRITORY: 'This is outside the partner’s authorised territory.',
  ...caseErrorsEn,
  ...commissionExtraErrorsEn,
  ...creditErrorsEn,
  ...commissionErrorsEn,
  INTERNAL: 'Something went wrong on the server. It has been logged; please try again.',
} satisfies Record<ErrorCode, string>;

/** Sentences that use an error's details, where they say more than the code alone. */
export const errorDetailsEn = {
  /** Not from the server: the browser could not reach it, or its answer was not one of ours. */
  NETWORK: 'The server cannot be reached. Check your connection.',
  HTTP_ERROR: 'The request failed.',
  forbiddenPermission: 'This needs the permission “{{permission}}”.',
  forbiddenRole: 'You may not assign or change the role “{{role}}”.',
  rateLimitedRetry: 'Too many attempts. Try again in {{time}}.',
  contentionRetry: 'Others are changing the same records right now. Try again in {{time}}.',
  loginTaken: 'Another user already has the login “{{login}}”.',
  teamNameTaken: 'A team named “{{name}}” already exists here.',
  teamNotEmpty: 'Move the team’s members ({{members}}) and sub-teams ({{children}}) elsewhere first.',
  accountNotActive: {
    active: 'This customer is active already.',
    archived: 'This customer is archived; restore it first.',
    merged: 'This customer was merged into another one; work on that one instead.',
    gone: 'This customer no longer exists.',
  } satisfies Record<AccountState, string>,
  mergeNotReversible: {
    already_unmerged: 'This merge was taken back already.',
    survivor_merged:
      'The customer it went into was merged on since. Take that later merge back first, on the customer it went into.',
    survivor_archived: 'The customer it went into was archived since. Restore it first.',
    merged_changed: 'The merged customer has changed since, so this merge cannot be taken back.',
  } satisfies Record<MergeRefusal, string>,
  importWrongState: 'The import is “{{status}}”, but this needs it “{{expected}}”. Reload the page.',
  fieldProblem: '{{field}}: {{problem}}',
  poolPriorityWindow:
    'Until {{until}} only the members ranked {{rankNeeded}} or better by {{measure}} last month may claim this customer; you rank {{rank}} of {{members}}.',
};
