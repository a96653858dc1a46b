import { App, Button, Card, DatePicker, Flex, Form, Input, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { formatDateTime } from '../../i18n/format.js';
import { useIndexes, usePlanMutations, type IndexValue } from './plans.api.js';

const FIELDS = ['periodStart', 'value'] as const;

/** The values of the index a plan's targets follow, month by month, and a form to set one. */
export function PlanIndexes(props: { code: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const list = useIndexes(props.code);
  const m = usePlanMutations();
  const [form] = Form.useForm<{ periodStart?: Dayjs; value?: string }>();
  const errors = useFormErrors(form, FIELDS);
  return (
    <Card size="small" title={`${t('commissionPlans.indexes')} · ${props.code}`}>
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        layout="inline"
        onValuesChange={errors.onValuesChange}
        onFinish={(v) =>
          void (async () => {
            errors.clear();
            try {
              await m.setIndex.mutateAsync({
                code: props.code,
                periodStart: v.periodStart!.startOf('month').format('YYYY-MM-DD'),
                value: (v.value ?? '').trim(),
              });
              void message.success(t('commissionPlans.indexSaved'));
              form.resetFields();
            } catch (error) {
              errors.show(error);
            }
          })()
        }
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="periodStart" label={t('commissionPlans.periodStart')} rules={[{ required: true }]}>
          <DatePicker picker="month" />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('commissionPlans.indexValue')}
          rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,8})?$/ }]}
        >
          <Input style={{ width: 140 }} inputMode="decimal" />
        </Form.Item>
        <Flex>
          <Button type="primary" htmlType="submit" loading={m.setIndex.isPending}>
            {t('commissionPlans.setIndex')}
          </Button>
        </Flex>
      </Form>
      <Table<IndexValue>
        rowKey={(r) => `${r.code}|${r.periodStart}`}
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('commissionPlans.periodStart'), dataIndex: 'periodStart' },
          { title: t('commissionPlans.indexValue'), dataIndex: 'value', align: 'right' },
          {
            title: t('commissionPlans.indexSetAt'),
            dataIndex: 'setAt',
            render: (at: string) => formatDateTime(at, i18n.language),
          },
        ]}
      />
    </Card>
  );
}
