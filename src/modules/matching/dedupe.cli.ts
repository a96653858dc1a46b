import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import type { DedupeProgress } from './dedupe.js';
import type { InputProblem } from './read-records.js';
import type { RunDedupeOptions } from './run-dedupe.js';
import { runDedupe } from './run-dedupe.js';

const PHASES: Record<DedupeProgress['phase'], string> = {
  read: 'reading   ',
  index: 'indexing  ',
  score: 'comparing ',
  cluster: 'clustering',
  write: 'writing   ',
};
/** Problems printed one by one; the rest are counted (a bad row with an id is also in the output file). */
const SHOWN_PROBLEMS = 20;

interface DedupeCliOptions {
  out: string;
  same?: string;
  possible?: string;
  maxBlock?: string;
  bom: boolean;
  progress: boolean;
}

function score(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && n < 1)) {
    throw new AppError('VALIDATION_FAILED', `--${name} must be a number between 0 and 1`, { [name]: value });
  }
  return n;
}

/** A progress bar on a terminal; nothing otherwise (logs and pipes stay clean). */
function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  return {
    update(p: DedupeProgress) {
      // While reading, the row count is unknown: the bar shows rows read so far.
      const total = p.total || Math.max(p.done, 1);
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(total, p.done, { phase: PHASES[p.phase] });
      } else {
        bar.setTotal(total);
        bar.update(p.done);
      }
    },
    stop: () => bar.stop(),
  };
}

/** `fairshare dedupe INPUT.csv --out OUTPUT.csv`: cluster a customer list without a database. */
export function dedupeCommand(program: Command) {
  program
    .command('dedupe')
    .description('find duplicate companies in a CSV or XLSX customer list (no database needed)')
    .argument(
      '<input>',
      'CSV (UTF-8, BOM optional) or .xlsx with a header row: id, name, phone, email, website, uscc, address',
    )
    .requiredOption(
      '--out <file>',
      'output CSV (or .xlsx): id, cluster_id, verdict, score, reasons, then every input column under its own name',
    )
    .option('--same <score>', 'score (0..1) at or above which two records are one company (default 0.9)')
    .option(
      '--possible <score>',
      'score (0..1) at or above which a match is reported as possible (default 0.6)',
    )
    .option('--max-block <n>', 'values shared by more records than this do not pair them (default 50)')
    .option('--no-bom', 'do not start the output with a UTF-8 byte order mark (Excel wants one)')
    .option('--no-progress', 'no progress bar')
    .action(async (input: string, options: DedupeCliOptions) => {
      const same = score('same', options.same);
      const possible = score('possible', options.possible);
      const maxBlock = options.maxBlock === undefined ? undefined : Number(options.maxBlock);
      if (maxBlock !== undefined && !(Number.isInteger(maxBlock) && maxBlock >= 2)) {
        throw new AppError('VALIDATION_FAILED', '--max-block must be an integer of at least 2', {
          maxBlock: options.maxBlock,
        });
      }
      const shown: InputProblem[] = [];
      const bar = progressBar(options.progress);
      const run: RunDedupeOptions = {
        input,
        output: options.out,
        bom: options.bom,
        onProgress: (p) => bar.update(p),
        onProblem: (p) => {
          if (shown.length < SHOWN_PROBLEMS) shown.push(p);
        },
        ...(same !== undefined || possible !== undefined
          ? {
              thresholds: {
                ...(same !== undefined ? { same } : {}),
                ...(possible !== undefined ? { possible } : {}),
              },
            }
          : {}),
        ...(maxBlock !== undefined ? { maxBlockSize: maxBlock } : {}),
      };
      let summary;
      try {
        summary = await runDedupe(run);
      } finally {
        bar.stop();
      }
      for (const p of shown)
        console.error(`line ${p.line}: ${p.code} ${p.message}${p.id ? ` (id ${p.id})` : ''}`);
      const problemCount = Object.values(summary.problems).reduce((sum, n) => sum + n, 0);
      if (problemCount > shown.length)
        console.error(
          `… ${problemCount - shown.length} more problems; bad rows with an id are in the output with verdict "invalid"`,
        );
      const { stats } = summary;
      console.log(
        `${summary.rows} rows → ${summary.output}: ${stats.clusters} companies, ` +
          `${stats.duplicateRecords} rows in ${stats.duplicateRecords ? 'duplicate clusters' : 'no duplicate cluster'}, ` +
          `${summary.invalidRows} invalid rows, ${(summary.wallMs / 1000).toFixed(1)} s`,
      );
    });
}
