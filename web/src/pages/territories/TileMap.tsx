import { HeatmapChart, type HeatmapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { Flex, Grid, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvinceCoverage, ProvinceStatus } from './coverage.js';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_TILES, provinceName } from './provinceGrid.js';

// A heatmap on a category grid draws the tiles and fills each cell whatever the width; the piecewise visual
// map colours them by status and is the legend. SVG: 34 tiles, crisp on a phone, readable by tests.
use([HeatmapChart, GridComponent, TooltipComponent, VisualMapPiecewiseComponent, SVGRenderer]);

type TileOption = ComposeOption<
  HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export const STATUS_VALUE: Record<ProvinceStatus, number> = { none: 0, shared: 1, exclusive: 2 };
export const STATUS_COLOR: Record<ProvinceStatus, string> = {
  none: '#f0f0f0',
  shared: '#69b1ff',
  exclusive: '#722ed1',
};
const STATUSES: readonly ProvinceStatus[] = ['exclusive', 'shared', 'none'];

/** The provinces as tiles coloured by what the chosen party holds there, names in the UI language. */
export function TileMap(props: { coverage: Map<string, ProvinceCoverage> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const narrow = Grid.useBreakpoint().sm === false;
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  const option = useMemo((): TileOption => {
    const statusText = (s: ProvinceStatus) => t(`territories.mapStatus.${s}`);
    const label = (code: string) => {
      const tile = PROVINCE_TILES.find((p) => p.code === code)!;
      return language === 'en' && narrow ? tile.abbr : provinceName(tile, language);
    };
    return {
      animation: false,
      grid: { left: 4, right: 4, top: 4, bottom: 44 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: GRID_COLUMNS }, (_, i) => String(i)),
        show: false,
      },
      yAxis: {
        type: 'category',
        data: Array.from({ length: GRID_ROWS }, (_, i) => String(i)),
        inverse: true,
        show: false,
      },
      tooltip: {
        formatter: (params) => {
          const data = (params as { data?: { code?: string } }).data;
          const tile = PROVINCE_TILES.find((p) => p.code === data?.code);
          const cover = tile && props.coverage.get(tile.code);
          if (!tile || !cover) return '';
          const part = cover.partial ? ` (${t('territories.mapPartial')})` : '';
          return `${provinceName(tile, language)}: ${statusText(cover.status)}${part}`;
        },
      },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        bottom: 4,
        itemGap: 12,
        pieces: STATUSES.map((s) => ({
          value: STATUS_VALUE[s],
          label: statusText(s),
          color: STATUS_COLOR[s],
        })),
      },
      series: [
        {
          type: 'heatmap',
          data: PROVINCE_TILES.map((p) => ({
            value: [p.col, p.row, STATUS_VALUE[props.coverage.get(p.code)?.status ?? 'none']],
            code: p.code,
          })),
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
          label: {
            show: true,
            fontSize: narrow ? 10 : 12,
            overflow: 'truncate',
            formatter: (params) => label((params.data as { code: string }).code),
          },
          emphasis: { disabled: true },
        },
      ],
    };
  }, [props.coverage, language, narrow, t]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const held = PROVINCE_TILES.filter((p) => (props.coverage.get(p.code)?.status ?? 'none') !== 'none');
  return (
    <Flex vertical gap={8} style={{ width: '100%', maxWidth: 720 }}>
      <div
        ref={ref}
        data-testid="tile-map"
        role="img"
        aria-label={t('territories.map')}
        style={{ width: '100%', aspectRatio: `${GRID_COLUMNS} / ${GRID_ROWS + 1}` }}
      />
      <Typography.Text type="secondary">{t('territories.mapHeld')}</Typography.Text>
      <Flex gap={4} wrap data-testid="map-summary">
        {held.length === 0 && <Typography.Text>{t('territories.mapNothing')}</Typography.Text>}
        {held.map((p) => {
          const cover = props.coverage.get(p.code)!;
          return (
            <Tag
              key={p.code}
              color={cover.status === 'exclusive' ? 'purple' : 'blue'}
              data-testid={`map-province-${p.code}`}
              data-status={cover.status}
            >
              {provinceName(p, language)} · {t(`territories.mapStatus.${cover.status}`)}
              {cover.partial ? ` (${t('territories.mapPartial')})` : ''}
            </Tag>
          );
        })}
      </Flex>
    </Flex>
  );
}
