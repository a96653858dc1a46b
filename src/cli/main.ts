import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { AppError } from '../errors.js';
import { auditCommands } from './audit.js';
import { explainDataDirLocked } from './data-dir-locked.js';
import { migrateCommand, seedCommand } from './database.js';
import { dedupeCommand } from '../modules/matching/dedupe.cli.js';
import { serveCommand } from './serve.js';
import { tokenCommands, userCommands } from './users.js';

const program = new Command('fairshare')
  .description('Fairshare: who owns this customer, who gets credit, what is everyone paid')
  .showHelpAfterError();

serveCommand(program);
migrateCommand(program);
seedCommand(program);
userCommands(program);
tokenCommands(program);
auditCommands(program);
dedupeCommand(program);

try {
  loadConfig(); // fail fast on bad environment, before any command runs
  await program.parseAsync();
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(explainDataDirLocked(error));
  } else if (error instanceof ConfigError || error instanceof AppError) {
    console.error(error.message);
    if (error instanceof AppError && Object.keys(error.details).length)
      console.error(JSON.stringify(error.details));
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
