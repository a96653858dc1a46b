import { describe, expect, it } from 'vitest';
import type { ChannelScorecard } from '../../api/types.js';
import { channelStatusOption } from './charts.js';

const card = (name: string, byStatus: Partial<ChannelScorecard['byStatus']>) =>
  ({
    name,
    byStatus: {
      submitted: 0,
      returned: 0,
      resubmitted: 0,
      approved: 0,
      rejected: 0,
      withdrawn: 0,
      expired: 0,
      won: 0,
      lost: 0,
      ...byStatus,
    },
  }) as ChannelScorecard;

describe('channelStatusOption', () => {
  it('stacks each status a partner has, busiest partner on top, and leaves out statuses nobody has', () => {
    const option = channelStatusOption(
      [card('甲', { won: 2, rejected: 1 }), card('乙', { approved: 1 })],
      (s) => `label:${s}`,
    );
    // ECharts draws a category axis bottom-up: the first partner goes last.
    expect((option.yAxis as { data: string[] }).data).toEqual(['乙', '甲']);
    const series = option.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['label:approved', 'label:won', 'label:rejected']);
    expect(series.every((s) => s.stack === 'status')).toBe(true);
    expect(series.find((s) => s.name === 'label:won')!.data).toEqual([0, 2]);
  });
});
