import type { ChartOption } from '../reports/EChart.js';
import { ATTAINMENT_ALERT, periodLabel } from './statementView.js';
import type { AttainmentSeries } from './statements.api.js';

/** Attainment as a number for the chart only (drawn, never summed or paid); null where there is no target. */
const plotted = (attainment: string | null | undefined) =>
  attainment === null || attainment === undefined || attainment === '' ? null : Number(attainment);

/**
 * Attainment per period, one line per payee, with the 80 % alert line; the running period's forecast is
 * drawn apart, as a dashed diamond of its own series, never joined to the actual figures.
 */
export function attainmentOption(
  payees: readonly AttainmentSeries[],
  labels: { alert: string; forecast: string },
): ChartOption {
  const ends = new Map<string, string>();
  for (const p of payees) {
    for (const s of p.periods) ends.set(s.periodStart, s.periodEnd);
    if (p.forecast) ends.set(p.forecast.periodStart, p.forecast.periodEnd);
  }
  const axis = [...ends.keys()].sort();
  // The forecast's own period shows no actual point: its figures so far are what the forecast starts from.
  const actual = payees.map((p) => ({
    name: p.payee.name,
    type: 'line' as const,
    connectNulls: false,
    data: axis.map((start) =>
      start === p.forecast?.periodStart
        ? null
        : plotted(p.periods.find((s) => s.periodStart === start)?.attainment),
    ),
  }));
  const forecast = payees
    .filter((p) => p.forecast)
    .map((p) => ({
      name: `${p.payee.name} · ${labels.forecast}`,
      type: 'line' as const,
      symbol: 'diamond',
      symbolSize: 12,
      lineStyle: { type: 'dashed' as const },
      data: axis.map((start) => (start === p.forecast!.periodStart ? plotted(p.forecast!.attainment) : null)),
    }));
  const threshold = Number(ATTAINMENT_ALERT);
  return {
    grid: { left: 8, right: 12, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)} %`),
    },
    legend: { top: 0, type: 'scroll' },
    xAxis: {
      type: 'category',
      data: axis.map((start) => periodLabel({ periodStart: start, periodEnd: ends.get(start) })),
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => `${v}%` } },
    series: [
      ...actual,
      ...forecast,
      {
        name: labels.alert,
        type: 'line',
        symbol: 'none',
        lineStyle: { type: 'dotted', color: '#ff4d4f' },
        itemStyle: { color: '#ff4d4f' },
        data: axis.map(() => threshold),
      },
    ],
  };
}
