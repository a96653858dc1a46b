import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** Where a benchmark ran, printed with every result. */
export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** CPU seconds used by every PostgreSQL process (the server and its backends), from /proc. */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Seconds the machine's cores spent busy (all but idle and iowait), from /proc/stat. */
function machineBusySeconds(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  return (all - ticks[3]! - ticks[4]!) / 100;
}

/**
 * Starts measuring where CPU goes (Linux /proc): returns a reading of the CPU seconds used since — by the
 * process `serverPid` when given, by every PostgreSQL process, by this process, and by the whole machine.
 */
export function cpuSplit(serverPid?: number) {
  const server = () => (serverPid === undefined ? 0 : cpuSeconds(serverPid));
  const before = {
    server: server(),
    postgres: postgresCpuSeconds(),
    self: process.cpuUsage(),
    machine: machineBusySeconds(),
  };
  return () => {
    const self = process.cpuUsage(before.self);
    return {
      server: server() - before.server,
      postgres: postgresCpuSeconds() - before.postgres,
      self: (self.user + self.system) / 1e6,
      machine: machineBusySeconds() - before.machine,
    };
  };
}
