import type { ChannelScorecard, Kpis, OverlapReport } from '../../api/types.js';
import type { ChartOption } from './EChart.js';

/** Chart options, pure, from the reports' replies. Dates show as MM-DD to fit a phone. */
const short = (day: string) => day.slice(5);
const grid = { left: 36, right: 12, top: 32, bottom: 24, containLabel: false };

export function poolFlowOption(flow: Kpis['flow'], labels: { in: string; out: string }): ChartOption {
  return {
    grid,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: flow.map((d) => short(d.day)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.in, type: 'line', data: flow.map((d) => d.in) },
      { name: labels.out, type: 'line', data: flow.map((d) => d.out) },
    ],
  };
}

export function overlapRateOption(weeks: OverlapReport['weeks'], label: string): ChartOption {
  return {
    grid,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Math.round(Number(v) * 1000) / 10}%` },
    xAxis: { type: 'category', data: weeks.map((w) => short(w.week)) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [{ name: label, type: 'line', data: weeks.map((w) => w.rate) }],
  };
}

export function expiringOption(byDay: Kpis['expiring']['byDay'], label: string): ChartOption {
  return {
    grid,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: byDay.map((d) => short(d.day)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: label,
        type: 'bar',
        data: byDay.map((d, i) => ({ value: d.count, itemStyle: { color: i < 3 ? '#ff4d4f' : '#1677ff' } })),
      },
    ],
  };
}

/** The statuses a channel chart stacks, in the order a registration moves through them. */
export const CHANNEL_STATUSES = [
  'submitted',
  'returned',
  'resubmitted',
  'approved',
  'won',
  'lost',
  'rejected',
  'withdrawn',
  'expired',
] as const satisfies readonly (keyof ChannelScorecard['byStatus'])[];

/**
 * Registrations per partner, stacked by status: horizontal bars, one row per partner (busiest on top), so
 * long partner names fit a phone. Statuses no partner has are left out of the legend.
 */
export function channelStatusOption(
  partners: readonly ChannelScorecard[],
  label: (status: (typeof CHANNEL_STATUSES)[number]) => string,
): ChartOption {
  const rows = [...partners].reverse();
  const statuses = CHANNEL_STATUSES.filter((s) => partners.some((p) => p.byStatus[s] > 0));
  return {
    grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((p) => p.name),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: statuses.map((s) => ({
      name: label(s),
      type: 'bar',
      stack: 'status',
      data: rows.map((p) => p.byStatus[s]),
    })),
  };
}
