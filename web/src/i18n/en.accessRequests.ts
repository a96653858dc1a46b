import type { AccessRequestStatus } from '../api/types.js';

/** English texts of access requests: asking for a customer held out of sight, and deciding. */
export const accessRequestsEn = {
  title: 'Access requests',
  intro:
    'Requests for customers that exist where the requester may not see them. The owner’s manager decides: a grant transfers the customer to the requester at once; a denial leaves it where it is. Both sides are notified.',
  filters: { open: 'Open', all: 'All', mine: 'Mine' },
  statuses: {
    open: 'Open',
    granted: 'Granted',
    denied: 'Denied',
    withdrawn: 'Withdrawn',
  } satisfies Record<AccessRequestStatus, string>,
  kinds: { access: 'Access to the customer', conflict: 'Conflict: says the customer is theirs' },
  decisions: { grant: 'Granted', deny: 'Denied' },
  typedAs: 'Entered as “{{name}}”',
  hiddenCustomer: 'A customer you may not see',
  requester: 'Asked by',
  owner: 'Owner',
  note: 'Note',
  decidedBy: 'Decided by {{name}}, {{at}}',
  decidedAt: 'Decided {{at}}',
  mine: 'Yours',
  empty: 'No access requests',
  grant: 'Grant',
  deny: 'Deny',
  withdraw: 'Withdraw',
  withdrawConfirm: 'Withdraw this request?',
  withdrawn: 'Request withdrawn',
  grantTitle: 'Grant the request',
  denyTitle: 'Deny the request',
  decisionNote: 'Note',
  decisionNoteHelp: 'The reason: the requester sees it, and it is kept in the decision and the audit log.',
  grantEffect:
    'Granting transfers the customer to the requester, who becomes its owner now; the current owner is notified and loses the customer.',
  keepFormerUntil: 'Keep the current owner as a read-only collaborator until',
  keepFormerUntilHelp: 'Optional; they can see the customer but not change it.',
  decided: 'Decision recorded',
  // On the new-customer page, for a customer that exists out of sight.
  heldBy: 'Held by {{name}}',
  heldByTeam: 'Held by {{name}} ({{team}})',
  ask: 'Request access',
  flag: 'Flag a conflict',
  askTitle: 'Request access to this customer',
  flagTitle: 'Flag a conflict over this customer',
  askHelp:
    'The owner’s manager decides. You see the answer under Access requests; the customer’s data stays hidden until then.',
  flagHelp: 'Say why the customer is yours (for example, you were working with them first).',
  notePlaceholder: 'What the decider should know',
  send: 'Send',
  sent: 'Request sent',
};
