/**
 * Benchmark dispatcher: `npm run bench -- <name> [options]` (package.json runs `tsx bench/run.ts`).
 */
const benchmarks: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  matching: () => import('./matching.js'),
  check: () => import('./check.js'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benchmarks[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exitCode = 1;
} else {
  await (await load()).main(args);
}
