import { Flex, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/session.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { PartnerSelect } from './parties.js';

export interface Party {
  kind: 'partner' | 'team';
  id: string | null;
}

/**
 * Whom a question is about: a partner (channel staff pick one; a partner's people are their own partner) or
 * a direct team, for those who see teams.
 */
export function usePartyDefault(): Party {
  const me = useMe();
  if (me.scope === 'partner') return { kind: 'partner', id: me.user.partnerId };
  if (!me.permissions.includes('partners:read')) return { kind: 'team', id: me.user.teamId };
  return { kind: 'partner', id: null };
}

export function PartyPicker(props: { value: Party; onChange: (party: Party) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const partners = useCan('partners:read');
  const teams = useCan('teams:read') && me.scope !== 'partner';
  if (me.scope === 'partner') return null;
  const { value } = props;
  return (
    <Flex gap={8} wrap align="center">
      {partners && teams && (
        <Segmented<Party['kind']>
          value={value.kind}
          onChange={(kind) => props.onChange({ kind, id: null })}
          options={[
            { value: 'partner', label: t('territories.partnerKind') },
            { value: 'team', label: t('territories.teamKind') },
          ]}
        />
      )}
      {value.kind === 'partner' ? (
        <PartnerSelect
          value={value.id}
          onChange={(id) => props.onChange({ kind: 'partner', id })}
          style={{ minWidth: 220, maxWidth: '100%' }}
          data-testid="party-partner"
        />
      ) : (
        <TeamSelect
          value={value.id}
          onChange={(id) => props.onChange({ kind: 'team', id })}
          style={{ minWidth: 220, maxWidth: '100%' }}
        />
      )}
    </Flex>
  );
}
