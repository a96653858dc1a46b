import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from '../seed/demo.js';
import { databaseOptions } from '../server.js';
import { withDatabase } from './context.js';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations (all or nothing)')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({ ...databaseOptions(config), purpose: 'migrate' });
      try {
        const results = await migrateToLatest(database.db);
        if (results.length === 0) console.log('Database is up to date.');
        for (const r of results)
          console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
      } finally {
        await database.close();
      }
    });
}

export function seedCommand(program: Command) {
  program
    .command('seed')
    .description('load sample data')
    .requiredOption('--demo', 'a demo organisation with teams, managers and reps')
    .option('--password <password>', 'password for every demo user', 'demo-Lantern-river-7')
    .action(async (options: { password: string }) => {
      await withDatabase('seed', async (db, ctx) => {
        const result = await seedDemo(db, ctx, options.password);
        console.log(
          `Demo organisation ready: ${result.teams} teams, ${result.usersCreated} users created ` +
            `(${result.usersExisting} already there). Demo users sign in with password "${options.password}".`,
        );
      });
    });
}
