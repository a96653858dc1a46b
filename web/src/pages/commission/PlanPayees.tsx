import { App, Button, Card, DatePicker, Flex, Form, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { UserSelect } from '../../components/UserSelect.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { PartnerSelect } from '../territories/parties.js';
import { usePlanMutations, type Payee, type PlanDetail } from './plans.api.js';

interface AddValues {
  payee?: string;
  startDate?: Dayjs;
  endDate?: Dayjs | null;
}
const ADD_FIELDS = ['userId', 'partnerId', 'startDate', 'endDate'] as const;
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Adds a person or a partner (as the plan pays) from a start date, optionally to an end date. */
function AddPayee(props: { plan: PlanDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const errors = useFormErrors(form, ADD_FIELDS);
  const m = usePlanMutations();
  const who = props.plan.payeeType === 'user' ? 'userId' : 'partnerId';
  return (
    <Form<AddValues>
      form={form}
      layout="vertical"
      initialValues={{ startDate: dayjs(props.plan.versions[0]?.effectiveFrom ?? undefined) }}
      onValuesChange={errors.onValuesChange}
      onFinish={(v) =>
        void (async () => {
          errors.clear();
          try {
            await m.addPayee.mutateAsync({
              id: props.plan.id,
              body: { [who]: v.payee, startDate: day(v.startDate)!, endDate: day(v.endDate) },
            });
            void message.success(t('commissionPlans.payeeAdded'));
            form.resetFields();
            props.onDone();
          } catch (error) {
            errors.show(error);
          }
        })()
      }
    >
      <FormAlert message={errors.alert} />
      <Flex gap={12} wrap align="end">
        <Form.Item
          name="payee"
          label={t(props.plan.payeeType === 'user' ? 'commissionPlans.user' : 'commissionPlans.partner')}
          rules={[{ required: true }]}
          style={{ minWidth: 240, flex: 1 }}
        >
          {props.plan.payeeType === 'user' ? <UserSelect /> : <PartnerSelect data-testid="payee-partner" />}
        </Form.Item>
        <Form.Item name="startDate" label={t('commissionPlans.startDate')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endDate" label={t('commissionPlans.endDate')}>
          <DatePicker placeholder={t('commissionPlans.openEnded')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={m.addPayee.isPending}>
            {t('commissionPlans.addPayee')}
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
}

/** The plan's payees: when they are on it, and which version each signed off. */
export function PlanPayees(props: { plan: PlanDetail; payees: Payee[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canConfigure = useCan('commission:configure');
  const m = usePlanMutations();
  const [adding, setAdding] = useState(false);
  const setEnd = async (payee: Payee, end: Dayjs | null) => {
    try {
      await m.patchPayee.mutateAsync({ id: props.plan.id, payeeId: payee.id, endDate: day(end) ?? null });
      void message.success(t('commissionPlans.payeeSaved'));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };
  const columns: TableColumnsType<Payee> = [
    { title: t('commissionPlans.payee'), key: 'payee', render: (_, p) => p.payee.name },
    { title: t('commissionPlans.startDate'), dataIndex: 'startDate', responsive: SECONDARY },
    {
      title: t('commissionPlans.endDate'),
      dataIndex: 'endDate',
      responsive: SECONDARY,
      render: (end: string | null, p) =>
        canConfigure ? (
          <DatePicker
            size="small"
            value={end ? dayjs(end) : null}
            placeholder={t('commissionPlans.openEnded')}
            aria-label={t('commissionPlans.setEnd')}
            onChange={(d) => void setEnd(p, d)}
          />
        ) : (
          (end ?? t('commissionPlans.openEnded'))
        ),
    },
    {
      title: t('commissionPlans.signOff'),
      key: 'signOff',
      render: (_, p) =>
        p.acknowledgedLatest ? (
          <Tag color="green">{t('commissionPlans.signedLatest')}</Tag>
        ) : p.acknowledged ? (
          <Tag color="gold">
            {t('commissionPlans.signedOff', {
              version: p.acknowledged.version,
              at: formatDateTime(p.acknowledged.at, i18n.language),
            })}
          </Tag>
        ) : (
          <Tag>{t('commissionPlans.notSigned')}</Tag>
        ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('commissionPlans.payees')}
      extra={
        canConfigure && (
          <Button size="small" onClick={() => setAdding((a) => !a)}>
            {t('commissionPlans.addPayee')}
          </Button>
        )
      }
    >
      {adding && <AddPayee plan={props.plan} onDone={() => setAdding(false)} />}
      <Table
        rowKey="id"
        size="small"
        data-testid="payees"
        columns={columns}
        dataSource={props.payees}
        loading={props.loading}
        pagination={false}
        locale={{ emptyText: t('commissionPlans.noPayees') }}
      />
    </Card>
  );
}
