/**
 * Benchmark dispatcher: `npm run bench -- <name> [options]` (package.json runs `tsx bench/run.ts`); without a
 * name, every benchmark with its default sizes.
 */
const benchmarks: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  matching: () => import('./matching.js'),
  check: () => import('./check.js'),
  audit: () => import('./audit.js'),
  login: () => import('./login.js'),
  export: () => import('./export.js'),
  ownership: () => import('./ownership.js'),
  registrations: () => import('./registrations.js'),
  commission: () => import('./commission.js'),
};

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
  for (const load of Object.values(benchmarks)) await (await load()).main([]);
} else {
  const load = benchmarks[name];
  if (!load) {
    console.error(`usage: npm run bench -- [${Object.keys(benchmarks).join('|')}] [options]`);
    process.exitCode = 1;
  } else {
    await (await load()).main(args);
  }
}
