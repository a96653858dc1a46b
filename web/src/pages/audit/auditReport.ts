import type { TFunction } from 'i18next';
import type { AuditProblem } from '../../api/types.js';

/** Where a problem is: its position in the chain, the entry, the checkpoint, as far as the report says. */
export function problemPlace(t: TFunction, problem: AuditProblem): string {
  return [
    problem.seq !== undefined ? t('audit.report.where.seq', { seq: problem.seq }) : null,
    problem.auditId !== undefined ? t('audit.report.where.auditId', { id: problem.auditId }) : null,
    problem.checkpointId !== undefined
      ? t('audit.report.where.checkpointId', { id: problem.checkpointId })
      : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
}
