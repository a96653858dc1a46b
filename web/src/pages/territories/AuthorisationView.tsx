import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FenceVerdict, TerritoryAuthorisation } from '../../api/types.js';
import { useAreaLabel, useIndustryLabel, useProductLineLabel } from './parties.js';

type Scope = FenceVerdict['authorised'][number];

/** Who an authorisation binds: a partner by name, or a direct team. */
export function PartyName(props: {
  party: TerritoryAuthorisation['party'];
  partnerName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const { party } = props;
  return (
    <Typography.Text strong style={{ wordBreak: 'break-word' }}>
      {party.partnerId
        ? props.partnerName(party.partnerId)
        : t('territories.team', { name: party.teamName ?? party.teamId ?? '' })}
    </Typography.Text>
  );
}

/**
 * The terms of one authorisation (or of one scope the fence says a party holds), from its codes: exclusive
 * or shared, include or exclude, industries, product lines and the dates it holds. `regions` when the scope
 * carries them (the fence's answer); an authorisation's areas are its territory's.
 */
export function AuthorisationTerms(props: {
  item: Pick<Scope, 'exclusive' | 'effect' | 'validFrom' | 'validUntil' | 'territoryCode'> & {
    industries: string[];
    productLines: string[];
    regions?: string[];
  };
  territoryName?: string;
}) {
  const { t } = useTranslation();
  const area = useAreaLabel();
  const industry = useIndustryLabel();
  const line = useProductLineLabel();
  const { item } = props;
  const every = t('territories.every');
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={4} wrap>
        {item.effect === 'include' ? (
          <Tag color={item.exclusive ? 'purple' : 'blue'} data-testid="authorisation-kind">
            {item.exclusive ? t('territories.exclusive') : t('territories.shared')}
          </Tag>
        ) : (
          <Tag color="red" data-testid="authorisation-kind">
            {t('territories.effect.exclude')}
          </Tag>
        )}
        {props.territoryName !== undefined && <Tag>{props.territoryName}</Tag>}
      </Flex>
      {item.regions && (
        <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
          {t('territories.areas')}: {item.regions.map(area).join('、') || '—'}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
        {t('territories.industries')}:{' '}
        {item.industries.length ? item.industries.map(industry).join('、') : every}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
        {t('territories.productLines')}:{' '}
        {item.productLines.length ? item.productLines.map(line).join('、') : every}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('territories.validity')}: {item.validFrom} – {item.validUntil ?? t('territories.openEnded')}
      </Typography.Text>
    </Flex>
  );
}

/** An authorisation as stored: its party and its terms. */
export function AuthorisationItem(props: {
  authorisation: TerritoryAuthorisation;
  partnerName: (id: string) => string;
}) {
  const a = props.authorisation;
  return (
    <Flex vertical gap={2} data-testid="authorisation" style={{ minWidth: 0 }}>
      <PartyName party={a.party} partnerName={props.partnerName} />
      <AuthorisationTerms item={{ ...a, industries: a.industryCodes, productLines: a.productLineCodes }} />
    </Flex>
  );
}
