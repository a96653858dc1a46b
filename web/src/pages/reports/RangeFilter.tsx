import { DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Range } from './reports.api.js';

const DAY = 'YYYY-MM-DD';

/** The report's period (organisation-local dates), and the time zone they are counted in. */
export function RangeFilter(props: {
  range: Range;
  shown?: { from: string; to: string; timeZone: string };
  onChange: (range: Range) => void;
}) {
  const { t } = useTranslation();
  const from = props.range.from ?? props.shown?.from;
  const to = props.range.to ?? props.shown?.to;
  return (
    <Flex wrap gap={8} align="center">
      <DatePicker.RangePicker
        aria-label={t('reports.range')}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        allowClear={false}
        onChange={(value) => props.onChange({ from: value?.[0]?.format(DAY), to: value?.[1]?.format(DAY) })}
        style={{ maxWidth: '100%' }}
        data-testid="report-range"
      />
      {props.shown && (
        <Typography.Text type="secondary">
          {t('reports.timeZone', { timeZone: props.shown.timeZone })}
        </Typography.Text>
      )}
    </Flex>
  );
}
