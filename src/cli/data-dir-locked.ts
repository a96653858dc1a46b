import { hostname } from 'node:os';
import type { DataDirLockedError } from '../db/data-dir-lock.js';

/** Where the running server does what a command would (shown to an operator refused the data directory). */
const THROUGH_THE_SERVER: Record<string, string> = {
  'user create': 'POST /api/v1/users',
  'user reset-password': 'POST /api/v1/users/{id}/reset-password',
  'token create': 'POST /api/v1/me/tokens, signed in as the token’s owner',
  'audit verify': 'GET /api/v1/audit/verify',
};

const POSTGRES =
  'or run Fairshare on PostgreSQL (set DATABASE_URL), where the command line and any number of servers ' +
  'share one database safely.';

/** What an operator refused the embedded database reads: who holds it, and what to do instead. */
export function explainDataDirLocked(error: DataDirLockedError): string {
  const { holder, command, dataDir, lockPath } = error;
  const lines = [
    `fairshare ${command}: the embedded database in ${dataDir} is in use by another process.`,
    'Two processes on one PGlite data directory overwrite each other’s changes, so ' +
      (command === 'serve' ? 'this server did not start.' : 'this command did nothing.'),
  ];
  if (!holder) {
    lines.push(
      `Its lock file ${lockPath} cannot be read, or another process was just taking it over.`,
      'Run the command again. If it keeps failing and no Fairshare process uses this directory,',
      `delete ${lockPath}, then run it again.`,
    );
    return lines.join('\n');
  }
  const elsewhere = holder.hostname === hostname() ? 'another container or PID namespace' : 'another machine';
  const where = error.holderVisible
    ? `on this machine (${holder.hostname})`
    : `on host ${holder.hostname} (${elsewhere}, where it cannot be seen from here)`;
  lines.push(
    '',
    `  held by: pid ${holder.pid} ${where}, running "${holder.command}" since ${holder.startedAt}`,
    ...(holder.url ? [`  serving: ${holder.url}`] : []),
    '',
    'What to do:',
  );
  if (!error.holderVisible) {
    lines.push(
      `  - stop that Fairshare process on ${holder.hostname}, then run this again;`,
      `  - if it is gone already (the machine or container was stopped or replaced), delete ${lockPath};`,
      `  - ${POSTGRES}`,
    );
    return lines.join('\n');
  }
  const stop = `stop that process first (Ctrl-C where it runs, or kill ${holder.pid}), then run this again;`;
  if (!holder.url && holder.command !== 'serve') {
    lines.push(`  - wait for "${holder.command}" to finish, or ${stop}`, `  - ${POSTGRES}`);
  } else if (command === 'serve') {
    lines.push(
      holder.url
        ? `  - use the server already running at ${holder.url};`
        : '  - use that server once it has started;',
      `  - or ${stop}`,
      '  - or give this server a data directory of its own (DATA_DIR);',
      `  - ${POSTGRES}`,
    );
  } else {
    const api = THROUGH_THE_SERVER[command];
    const docs = `${holder.url ?? ''}/api/docs`;
    lines.push(
      (holder.url
        ? `  - do it through the running server at ${holder.url}: `
        : '  - do it through that server once it has started: ') +
        `its web UI, or its REST API (${api ? `${api}; ` : ''}every endpoint is listed at ${docs});`,
      `  - or ${stop}`,
      `  - ${POSTGRES}`,
    );
  }
  return lines.join('\n');
}
