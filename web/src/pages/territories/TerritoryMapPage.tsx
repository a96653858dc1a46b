import { Alert, DatePicker, Empty, Flex, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errorText.js';
import { provinceCoverage } from './coverage.js';
import { PartyPicker, usePartyDefault, type Party } from './PartyPicker.js';
import { useActiveMap } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';
import { TileMap } from './TileMap.js';

/** The provinces a partner (or a direct team) is authorised in under the active model, on a date. */
export function TerritoryMapPage() {
  const { t } = useTranslation();
  const map = useActiveMap();
  const [party, setParty] = useState<Party>(usePartyDefault());
  const [date, setDate] = useState(() => dayjs());
  const day = date.format('YYYY-MM-DD');
  const coverage = useMemo(
    () =>
      map.data && party.id
        ? provinceCoverage(
            map.data,
            party.kind === 'partner' ? { partnerId: party.id } : { teamId: party.id },
            day,
          )
        : null,
    [map.data, party, day],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="map" />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('territories.mapNote')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <PartyPicker value={party} onChange={setParty} />
        <DatePicker
          value={date}
          onChange={(d) => setDate(d ?? dayjs())}
          allowClear={false}
          aria-label={t('territories.onDate')}
        />
      </Flex>
      {map.isPending && <Spin />}
      {map.isError && <Alert type="error" title={errorText(t, map.error)} />}
      {map.data && !map.data.model && <Empty description={t('territories.noModel')} />}
      {map.data?.model && !party.id && <Empty description={t('territories.pickParty')} />}
      {map.data?.model && coverage && <TileMap coverage={coverage} />}
    </Space>
  );
}
