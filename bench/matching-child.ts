/**
 * Runs one `runDedupe` in its own process so the benchmark measures the dedupe's own wall time and peak
 * memory, not the generator's. Prints one JSON line.
 */
import { resourceUsage } from 'node:process';
import { runDedupe } from '../src/modules/matching/run-dedupe.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: matching-child.ts INPUT OUTPUT');

const phases: Record<string, number> = {};
let phase = '';
let phaseStart = Date.now();
const started = Date.now();
const summary = await runDedupe({
  input,
  output,
  onProgress: (p) => {
    if (p.phase !== phase) {
      if (phase) phases[phase] = Date.now() - phaseStart;
      phase = p.phase;
      phaseStart = Date.now();
    }
  },
});
if (phase) phases[phase] = Date.now() - phaseStart;
const wallMs = Date.now() - started;
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    phasesMs: phases,
    // resourceUsage(): maxRSS in kilobytes, CPU times in microseconds (less sensitive to a busy machine).
    peakRssMB: Math.round(resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((resourceUsage().userCPUTime + resourceUsage().systemCPUTime) / 1000),
    summary,
  })}\n`,
);
