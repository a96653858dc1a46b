import type { Command } from 'commander';
import { verifyAuditChain } from '../modules/audit/audit.service.js';
import { withDatabase } from './context.js';

export function auditCommands(program: Command) {
  program
    .command('audit')
    .description('the audit trail')
    .command('verify')
    .description('walk the hash chain; exit 1 and name the first broken row if it does not hold')
    .action(async () => {
      await withDatabase('audit verify', async (db) => {
        const verdict = await verifyAuditChain(db);
        if (verdict.ok) {
          console.log(`Audit chain intact: ${verdict.rows} rows, head ${verdict.head}`);
        } else {
          console.error(
            `Audit chain BROKEN at row ${verdict.brokenId} (${verdict.problem}); ${verdict.rows} rows before it hold.`,
          );
          process.exitCode = 1;
        }
      });
    });
}
