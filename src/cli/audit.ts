import type { Command } from 'commander';
import { auditSetup, verifyAuditTrail } from '../modules/audit/index.js';
import { withDatabase } from './context.js';

export function auditCommands(program: Command) {
  program
    .command('audit')
    .description('the audit trail')
    .command('verify')
    .description(
      'recompute the hash chain and check every signed checkpoint; exit 1 and name what does not hold',
    )
    .option('--json', 'print the whole report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase('audit verify', async (db, _ctx, config) => {
        const report = await verifyAuditTrail(db, auditSetup(config));
        if (options.json) console.log(JSON.stringify(report, null, 2));
        const anchored = report.latestCheckpoint
          ? `${report.checkpoints} signed checkpoints, the latest at row ${report.latestCheckpoint.chainLength} (${report.latestCheckpoint.at})`
          : 'no signed checkpoint yet';
        if (report.ok) {
          if (!options.json)
            console.log(
              `Audit chain intact: ${report.rows} rows, ${report.chained} chained, head ${report.head}; ${anchored}; ` +
                `${report.unanchored} rows after the latest checkpoint, ${report.pending} not chained yet.`,
            );
          return;
        }
        console.error(`Audit chain BROKEN: ${report.problems.length} problem(s); ${anchored}.`);
        for (const p of report.problems) {
          const where = [
            p.seq && `chain position ${p.seq}`,
            p.auditId && `audit row ${p.auditId}`,
            p.checkpointId && `checkpoint ${p.checkpointId}`,
          ]
            .filter(Boolean)
            .join(', ');
          console.error(`  ${p.code}${where ? ` at ${where}` : ''}`);
        }
        process.exitCode = 1;
      });
    });
}
