import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('serve the API and web UI (migrates the database first)')
    .action(async () => {
      const server = await startServer(loadConfig());
      console.log(`Fairshare is running at ${server.url} (${server.database.engine})`);
      const stop = (signal: string) => {
        server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            server.app.log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
