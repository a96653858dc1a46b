import { Card, Col, Collapse, Descriptions, Empty, Flex, Row, Spin, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { Decision, Registration, RegistrationTimeline } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';
import { useAccount } from '../accounts/accounts.api.js';
import { OwnerName } from '../accounts/OwnerName.js';
import { EvidenceList } from '../decisions/DecisionEvidence.js';
import { DecisionHeading } from '../decisions/DecisionView.js';
import { usePartner } from '../partners/partners.api.js';
import { matchedParties, type MatchedParty } from './matchEvidence.js';
import { RegistrationStatusTag } from './RegistrationBits.js';
import { useRegistration } from './registrations.api.js';
import { decisionIds } from './registrationStatus.js';

const half = { xs: 24, md: 12 } as const;

interface CustomerFacts {
  legalName: string;
  uscc?: string | null | undefined;
  phones?: string[] | undefined;
  province?: string | null | undefined;
  city?: string | null | undefined;
  district?: string | null | undefined;
  street?: string | null | undefined;
}

function CustomerFields({ customer }: { customer: CustomerFacts }) {
  const { t } = useTranslation();
  const region = [customer.province, customer.city, customer.district, customer.street]
    .filter(Boolean)
    .join(' ');
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'name', label: t('registrations.fields.legalName'), children: customer.legalName },
        { key: 'uscc', label: t('registrations.fields.uscc'), children: customer.uscc || '—' },
        {
          key: 'phone',
          label: t('registrations.fields.phone'),
          children: customer.phones?.join(', ') || '—',
        },
        { key: 'region', label: t('registrations.portal.region'), children: region || '—' },
      ]}
    />
  );
}

function PartnerName({ id }: { id: string }) {
  const partner = usePartner(id);
  return <Link to={`/partners/${id}`}>{partner.data?.name ?? '…'}</Link>;
}

function VerdictTag({ party }: { party: MatchedParty }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Tag color={party.verdict === 'same' ? 'red' : party.verdict === 'holder' ? 'orange' : 'gold'}>
        {loose(t)(`registrations.portal.verdict.${party.verdict}`, { defaultValue: party.verdict })}
      </Tag>
      {party.score !== null && (
        <Tag>{t('registrations.portal.score', { score: party.score.toFixed(2) })}</Tag>
      )}
    </Flex>
  );
}

function MatchedAccount({ party }: { party: MatchedParty }) {
  const { t } = useTranslation();
  const account = useAccount(party.id);
  const a = account.data;
  return (
    <Card
      size="small"
      title={t('registrations.portal.matchedAccount')}
      extra={<VerdictTag party={party} />}
      data-testid="matched-account"
    >
      {!a ? (
        <Spin />
      ) : (
        <>
          <Link to={`/accounts/${a.id}`}>{a.legalName}</Link>
          <CustomerFields customer={a} />
          <Descriptions
            size="small"
            column={1}
            items={[
              a.partnerId
                ? {
                    key: 'p',
                    label: t('registrations.portal.partner'),
                    children: <PartnerName id={a.partnerId} />,
                  }
                : {
                    key: 'o',
                    label: t('registrations.portal.owner'),
                    children: a.ownerId ? (
                      <>
                        <Tag>{t('registrations.portal.directOwner')}</Tag>
                        <OwnerName ownerId={a.ownerId} />
                      </>
                    ) : (
                      <OwnerName ownerId={null} />
                    ),
                  },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function MatchedRegistration({ party }: { party: MatchedParty }) {
  const { t } = useTranslation();
  const other = useRegistration(party.id);
  const r = other.data;
  return (
    <Card
      size="small"
      title={t('registrations.portal.matchedRegistration')}
      extra={<VerdictTag party={party} />}
      data-testid="matched-registration"
    >
      {!r ? (
        <Spin />
      ) : (
        <>
          <Flex gap={6} wrap align="center">
            <Link to={`/registrations/${r.id}`}>{r.name}</Link>
            <RegistrationStatusTag status={r.status} />
          </Flex>
          <CustomerFields customer={r.customer} />
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'p',
                label: t('registrations.portal.partner'),
                children: <PartnerName id={r.partnerId} />,
              },
              {
                key: 'u',
                label: t('registrations.portal.protection'),
                children: r.protectedUntil ?? '—',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/**
 * The reviewer's view of the verdict: this registration's customer beside whatever it matched (customers,
 * their direct owner or partner, other registrations), then every decision's evidence in full. Rendered for
 * the channel only; a partner's timeline carries no decisions to read.
 */
export function MatchEvidence({
  registration,
  timeline,
}: {
  registration: Registration;
  timeline: RegistrationTimeline;
}) {
  const { t } = useTranslation();
  const ids = decisionIds(timeline);
  const decisions = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['decisions', id],
      queryFn: () => api.get<Decision>(`/api/v1/decisions/${id}`),
      staleTime: Infinity,
    })),
  });
  const loaded = decisions.map((d) => d.data).filter((d): d is Decision => d !== undefined);
  const verdict = loaded.find((d) => d.kind === 'registration.verdict');
  const parties = verdict ? matchedParties(verdict.evidence) : [];
  return (
    <Flex vertical gap={12} data-testid="match-evidence">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('registrations.portal.sideBySide')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col {...half}>
          <Card size="small" title={t('registrations.portal.thisCustomer')} data-testid="this-customer">
            <CustomerFields customer={registration.customer} />
          </Card>
        </Col>
        <Col {...half}>
          <Flex vertical gap={12}>
            {decisions.some((d) => d.isPending) && <Spin />}
            {verdict && parties.length === 0 && <Empty description={t('registrations.portal.noMatch')} />}
            {parties.map((p) =>
              p.type === 'account' ? (
                <MatchedAccount key={`a${p.id}`} party={p} />
              ) : (
                <MatchedRegistration key={`r${p.id}`} party={p} />
              ),
            )}
          </Flex>
        </Col>
      </Row>
      {loaded.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'evidence',
              label: t('registrations.portal.evidence'),
              children: (
                <Flex vertical gap={16}>
                  {loaded.map((d) => (
                    <Flex key={d.id} vertical gap={8}>
                      <DecisionHeading decision={d} />
                      <EvidenceList items={d.evidence} />
                    </Flex>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
