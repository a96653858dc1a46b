import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { PartnerDetail, PartnerStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SecretModal } from '../../components/SecretModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useCertificationTypes, usePartner, usePartnerMutations, usePartnerTiers } from './partners.api.js';
import { STATUS_COLORS } from './PartnersPage.js';

/** One partner: status and the moves it allows, the onboarding checklist, certifications, people, history. */
export function PartnerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const partner = usePartner(id);
  const manage = useCan('partners:manage');
  const invite = useCan('partners:invite');
  const [moving, setMoving] = useState<PartnerStatus | null>(null);
  const [inviting, setInviting] = useState(false);
  const [certifying, setCertifying] = useState(false);
  if (partner.isError)
    return <LoadFailed error={partner.error} backTo="/partners" backLabel={t('partners.back')} />;
  const p = partner.data;
  if (!p) return null;
  const when = (at: string | null) => formatDateTime(at, i18n.language);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/partners">{t('partners.back')}</Link>
      <PageHeader title={p.name}>
        <Flex gap={8} wrap>
          {manage &&
            p.allowedTransitions.map((to) => (
              <Button
                key={to}
                danger={to === 'terminated' || to === 'suspended'}
                onClick={() => setMoving(to)}
                data-testid={`move-${to}`}
              >
                {t(`partners.moveTo.${to}`)}
              </Button>
            ))}
          {invite && (p.status === 'onboarding' || p.status === 'active') && (
            <Button type="primary" onClick={() => setInviting(true)} data-testid="invite">
              {t('partners.invite')}
            </Button>
          )}
        </Flex>
      </PageHeader>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('partners.status')}>
          <Tag color={STATUS_COLORS[p.status]} data-testid="partner-status">
            {t(`partners.statuses.${p.status}`)}
          </Tag>
          {when(p.statusChangedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('partners.tier')}>
          <TierField partner={p} editable={manage} />
        </Descriptions.Item>
        <Descriptions.Item label={t('partners.registrationRights')}>
          {p.registrationRights.suspended
            ? t('partners.rightsSuspended', { since: when(p.registrationRights.since) })
            : t('partners.rightsActive')}
        </Descriptions.Item>
        <Descriptions.Item label={t('partners.contact')}>
          <span style={{ wordBreak: 'break-word' }}>
            {[p.contactName, p.contactEmail, p.contactPhone].filter(Boolean).join(' · ')}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Checklist partner={p} editable={manage} />
      <Card
        size="small"
        title={t('partners.certifications')}
        extra={
          manage && (
            <Button size="small" onClick={() => setCertifying(true)}>
              {t('partners.addCertification')}
            </Button>
          )
        }
      >
        <List
          size="small"
          dataSource={p.certifications}
          renderItem={(c) => (
            <List.Item>
              <Flex gap={8} wrap>
                <span>{c.typeCode}</span>
                {c.reference && <span>{c.reference}</span>}
                <span>
                  {t('partners.expiresOn')}: {c.expiresOn}
                </span>
                <Tag color={c.lapsed ? 'error' : 'success'}>
                  {c.lapsed ? t('partners.lapsed') : t('partners.valid')}
                </Tag>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('partners.history')}>
        <List
          size="small"
          dataSource={[...p.history].reverse()}
          renderItem={(h) => (
            <List.Item>
              <Flex vertical gap={0} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {t('partners.historyRow', {
                    from: h.from ? t(`partners.statuses.${h.from}`) : '—',
                    to: t(`partners.statuses.${h.to}`),
                  })}
                </Typography.Text>
                <Typography.Text type="secondary">{when(h.at)}</Typography.Text>
                <span style={{ wordBreak: 'break-word' }}>{h.reason}</span>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <MoveModal partner={p} to={moving} onClose={() => setMoving(null)} />
      <InviteModal partner={p} open={inviting} onClose={() => setInviting(false)} />
      <CertificationModal partner={p} open={certifying} onClose={() => setCertifying(false)} />
    </Space>
  );
}

function TierField(props: { partner: PartnerDetail; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const tiers = usePartnerTiers();
  const { changeTier } = usePartnerMutations();
  const name = (x: { nameZh: string; nameEn: string }) => (i18n.language === 'zh-CN' ? x.nameZh : x.nameEn);
  const current = tiers.data?.items.find((x) => x.id === props.partner.tierId);
  if (!props.editable || props.partner.status === 'terminated')
    return <>{current ? name(current) : props.partner.tierCode}</>;
  return (
    <Select
      size="small"
      value={props.partner.tierId}
      style={{ minWidth: 120 }}
      options={(tiers.data?.items ?? []).map((x) => ({ value: x.id, label: name(x) }))}
      onChange={(tierId: string) => {
        let reason = '';
        modal.confirm({
          title: t('partners.changeTier'),
          content: (
            <Input placeholder={t('partners.tierReason')} onChange={(e) => (reason = e.target.value)} />
          ),
          onOk: () =>
            changeTier
              .mutateAsync({ id: props.partner.id, tierId, reason: reason.trim() })
              .catch((e: unknown) => void message.error(errorText(t, e))),
        });
      }}
    />
  );
}

function Checklist(props: { partner: PartnerDetail; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { tick } = usePartnerMutations();
  const p = props.partner;
  return (
    <Card size="small" title={t('partners.checklist')}>
      <List
        size="small"
        dataSource={p.checklist}
        renderItem={(item) => (
          <List.Item>
            <Checkbox
              checked={item.doneAt !== null}
              disabled={!props.editable || p.status === 'terminated' || tick.isPending}
              data-testid={`check-${item.code}`}
              onChange={(e) =>
                tick.mutate(
                  { id: p.id, itemId: item.itemId, done: e.target.checked },
                  { onError: (err) => void message.error(errorText(t, err)) },
                )
              }
            >
              <span style={{ wordBreak: 'break-word' }}>
                {i18n.language === 'zh-CN' ? item.nameZh : item.nameEn}
              </span>
            </Checkbox>
            <Typography.Text type="secondary">
              {item.doneAt
                ? t('partners.done', { at: formatDateTime(item.doneAt, i18n.language) })
                : item.required
                  ? t('partners.required')
                  : t('partners.notDone')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface MoveValues {
  reason: string;
  handoverType?: 'pool' | 'team' | 'user' | 'partner';
  handoverId?: string;
}

function MoveModal(props: { partner: PartnerDetail; to: PartnerStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const errors = useFormErrors(form, ['reason', 'handover']);
  const { move } = usePartnerMutations();
  const to = props.to;
  return (
    <FormModal<MoveValues>
      open={to !== null}
      title={
        to ? t('partners.moveTitle', { action: t(`partners.moveTo.${to}`), name: props.partner.name }) : ''
      }
      okText={to ? t(`partners.moveTo.${to}`) : ''}
      danger={to === 'terminated'}
      saving={move.isPending}
      form={form}
      errors={errors}
      name="partner-move"
      onSubmit={async (v) => {
        if (!to) return;
        const handover =
          to === 'terminated' && v.handoverType && v.handoverId
            ? v.handoverType === 'pool'
              ? { type: 'pool' as const, poolId: v.handoverId.trim() }
              : v.handoverType === 'team'
                ? { type: 'team' as const, teamId: v.handoverId.trim() }
                : v.handoverType === 'user'
                  ? { type: 'user' as const, userId: v.handoverId.trim() }
                  : { type: 'partner' as const, partnerId: v.handoverId.trim() }
            : undefined;
        const reply = await move.mutateAsync({
          id: props.partner.id,
          body: { to, reason: v.reason, ...(handover && { handover }) },
        });
        void message.success(t('partners.moved', { status: t(`partners.statuses.${reply.status}`) }));
        if (reply.handedOver > 0) void message.info(t('partners.handedOver', { count: reply.handedOver }));
        form.resetFields();
        props.onClose();
      }}
      onClose={props.onClose}
    >
      <Form.Item name="reason" label={t('partners.reason')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      {to === 'terminated' && (
        <>
          <Form.Item name="handoverType" label={t('partners.handover')} extra={t('partners.handoverHelp')}>
            <Select
              allowClear
              options={(['pool', 'team', 'user', 'partner'] as const).map((k) => ({
                value: k,
                label: t(`partners.handoverTypes.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="handoverId" label={t('partners.handoverTarget')}>
            <Input />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface InviteValues {
  login: string;
  displayName: string;
  role: 'partner_admin' | 'partner_user';
}

function InviteModal(props: { partner: PartnerDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InviteValues>();
  const errors = useFormErrors(form, ['login', 'displayName', 'role']);
  const { invite } = usePartnerMutations();
  const [secret, setSecret] = useState<{ login: string; password: string } | null>(null);
  return (
    <>
      <FormModal<InviteValues>
        open={props.open}
        title={t('partners.invite')}
        okText={t('partners.invite')}
        saving={invite.isPending}
        form={form}
        errors={errors}
        name="partner-invite"
        onSubmit={async (v) => {
          const reply = await invite.mutateAsync({ id: props.partner.id, body: v });
          setSecret({ login: reply.login, password: reply.generatedPassword });
          form.resetFields();
          props.onClose();
        }}
        onClose={props.onClose}
      >
        <Form.Item
          name="login"
          label={t('partners.login')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/ }]}
        >
          <Input autoCapitalize="none" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('partners.displayName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('partners.role')} initialValue="partner_user">
          <Select
            options={(['partner_admin', 'partner_user'] as const).map((r) => ({
              value: r,
              label: t(`roles.${r}`),
            }))}
          />
        </Form.Item>
      </FormModal>
      <SecretModal
        title={t('partners.invitedTitle', { login: secret?.login ?? '' })}
        help={t('partners.invitedHelp')}
        secret={secret?.password ?? null}
        onClose={() => setSecret(null)}
      />
    </>
  );
}

interface CertificationValues {
  typeId: string;
  reference?: string;
  expiresOn: Dayjs;
}

function CertificationModal(props: { partner: PartnerDetail; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CertificationValues>();
  const errors = useFormErrors(form, ['typeId', 'reference', 'expiresOn']);
  const types = useCertificationTypes(props.open);
  const { certify } = usePartnerMutations();
  return (
    <FormModal<CertificationValues>
      open={props.open}
      title={t('partners.addCertification')}
      okText={t('common.save')}
      saving={certify.isPending}
      form={form}
      errors={errors}
      name="partner-certification"
      onSubmit={async (v) => {
        await certify.mutateAsync({
          id: props.partner.id,
          body: {
            typeId: v.typeId,
            expiresOn: v.expiresOn.format('YYYY-MM-DD'),
            ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}),
          },
        });
        form.resetFields();
        props.onClose();
      }}
      onClose={props.onClose}
    >
      <Form.Item name="typeId" label={t('partners.certType')} rules={[{ required: true }]}>
        <Select
          options={(types.data?.items ?? []).map((x) => ({
            value: x.id,
            label: i18n.language === 'zh-CN' ? x.nameZh : x.nameEn,
          }))}
        />
      </Form.Item>
      <Form.Item name="reference" label={t('partners.reference')}>
        <Input />
      </Form.Item>
      <Form.Item name="expiresOn" label={t('partners.expiresOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
