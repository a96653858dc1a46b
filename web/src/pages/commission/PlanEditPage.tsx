import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { PlanRulesEditor } from './PlanRulesEditor.js';
import {
  formFieldOf,
  newRulesValues,
  RULE_FIELD_PATHS,
  toRules,
  toRulesValues,
  type RulesFormValues,
} from './planForm.js';
import {
  AMENDMENT_REASONS,
  usePlan,
  usePlanMutations,
  type AmendmentReason,
  type PlanDetail,
  type PlanVersion,
} from './plans.api.js';

const FORM_FIELDS = [
  'code',
  'name',
  'payeeType',
  'effectiveFrom',
  'reasonCode',
  'reasonNote',
  ...RULE_FIELD_PATHS,
] as const;

interface PlanFormValues {
  code?: string;
  name?: string;
  payeeType?: 'user' | 'partner';
  effectiveFrom?: Dayjs;
  reasonCode?: AmendmentReason;
  reasonNote?: string;
  rules: RulesFormValues;
}

/** The API's field problems renamed to the form's fields (`rules.bonusPool.amount` → `rules.pool.amount`). */
function onFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.fields.length === 0) return error;
  const fields = error.fields.map((f) => ({ ...f, field: formFieldOf(f.field) }));
  return new ApiError(error.status, error.code, error.message, { ...error.details, fields });
}

/** The version an amendment or a what-if starts from: the one in force, else the latest published, else the latest. */
export function baseVersion(plan: PlanDetail): PlanVersion | undefined {
  const byNumber = [...plan.versions].sort((a, b) => b.version - a.version);
  return (
    byNumber.find((v) => v.version === plan.currentVersion) ??
    byNumber.find((v) => v.status === 'published') ??
    byNumber[0]
  );
}

function Frame(props: { title: string; back: string; backLabel: string; children: ReactNode }) {
  return (
    <Flex vertical gap={16} style={{ width: '100%' }}>
      <Flex align="center" gap={8}>
        <Link to={props.back}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={props.backLabel} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
          {props.title}
        </Typography.Title>
      </Flex>
      {props.children}
    </Flex>
  );
}

/** The form both pages share: the plan's own fields (or the amendment's), then the rules with the example. */
function PlanForm(props: {
  initial: PlanFormValues;
  fixedCalendar?: boolean;
  head: ReactNode;
  saving: boolean;
  onSave: (values: PlanFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanFormValues>();
  const errors = useFormErrors(form, FORM_FIELDS);
  return (
    <Form<PlanFormValues>
      form={form}
      layout="vertical"
      initialValues={props.initial}
      onValuesChange={errors.onValuesChange}
      scrollToFirstError
      onFinish={() =>
        void (async () => {
          errors.clear();
          try {
            // Every value, also those of switched-off parts the rules leave out.
            await props.onSave(form.getFieldsValue(true) as PlanFormValues);
          } catch (error) {
            errors.show(onFormFields(error));
          }
        })()
      }
    >
      <FormAlert message={errors.alert} />
      {props.head}
      <div style={{ marginTop: 16 }}>
        <PlanRulesEditor form={form} fixedCalendar={props.fixedCalendar} />
      </div>
      <FormAlert message={errors.alert} placement="bottom" />
      <Button type="primary" htmlType="submit" loading={props.saving} style={{ marginTop: 16 }}>
        {t('commissionPlans.save')}
      </Button>
    </Form>
  );
}

/** The first day a version applies to. */
function EffectiveFrom() {
  const { t } = useTranslation();
  return (
    <Form.Item name="effectiveFrom" label={t('commissionPlans.effectiveFrom')} rules={[{ required: true }]}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );
}

const isoDate = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** A new plan: code, name, whom it pays, from when, and its rules; saved as draft version 1. */
export function PlanNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const m = usePlanMutations();
  const initial = useMemo<PlanFormValues>(
    () => ({
      payeeType: 'user',
      effectiveFrom: dayjs().startOf('year'),
      rules: newRulesValues(),
    }),
    [],
  );
  return (
    <Frame title={t('commissionPlans.new')} back="/commission/plans" backLabel={t('commissionPlans.back')}>
      <PlanForm
        initial={initial}
        saving={m.create.isPending}
        onSave={async (v) => {
          const plan = await m.create.mutateAsync({
            code: (v.code ?? '').trim(),
            name: (v.name ?? '').trim(),
            payeeType: v.payeeType ?? 'user',
            effectiveFrom: isoDate(v.effectiveFrom),
            rules: toRules(v.rules),
          });
          void message.success(t('commissionPlans.created', { code: plan.code }));
          void navigate(`/commission/plans/${plan.id}`);
        }}
        head={
          <Card size="small" title={t('commissionPlans.sections.plan')}>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name="code" label={t('commissionPlans.code')} rules={[{ required: true }]}>
                  <Input maxLength={40} placeholder="SALES-2026" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="name" label={t('commissionPlans.name')} rules={[{ required: true }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="payeeType" label={t('commissionPlans.payeeType')}>
                  <Select
                    options={(['user', 'partner'] as const).map((p) => ({
                      value: p,
                      label: t(`commissionPlans.payeeTypes.${p}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <EffectiveFrom />
              </Col>
            </Row>
          </Card>
        }
      />
    </Frame>
  );
}

/** An amendment (补充协议): the version in force's rules to start from, an effective date and a reason. */
export function PlanAmendPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const m = usePlanMutations();
  const back = `/commission/plans/${id}`;
  const from = plan.data ? baseVersion(plan.data) : undefined;
  const initial = useMemo<PlanFormValues | null>(
    () => (from ? { rules: toRulesValues(from.rules), effectiveFrom: dayjs().startOf('month') } : null),
    [from],
  );
  if (plan.error)
    return <LoadFailed error={plan.error} backTo="/commission/plans" backLabel={t('commissionPlans.back')} />;
  if (!plan.data || !initial || !from) return <Spin />;
  return (
    <Frame
      title={t('commissionPlans.amendTitle', { code: plan.data.code })}
      back={back}
      backLabel={t('commissionPlans.back')}
    >
      <PlanForm
        initial={initial}
        fixedCalendar
        saving={m.amend.isPending}
        onSave={async (v) => {
          const saved = await m.amend.mutateAsync({
            id,
            body: {
              effectiveFrom: isoDate(v.effectiveFrom),
              reasonCode: v.reasonCode ?? 'other',
              reasonNote: (v.reasonNote ?? '').trim(),
              rules: toRules(v.rules),
            },
          });
          void message.success(t('commissionPlans.amended', { version: saved.latestVersion }));
          void navigate(back);
        }}
        head={
          <Card
            size="small"
            title={t('commissionPlans.sections.amendment')}
            extra={
              <Typography.Text type="secondary">
                {t('commissionPlans.amendFrom', { version: from.version })}
              </Typography.Text>
            }
          >
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <EffectiveFrom />
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item
                  name="reasonCode"
                  label={t('commissionPlans.reasonCode')}
                  rules={[{ required: true }]}
                >
                  <Select
                    options={AMENDMENT_REASONS.map((r) => ({
                      value: r,
                      label: t(`commissionPlans.reasons.${r}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item
                  name="reasonNote"
                  label={t('commissionPlans.reasonNote')}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        }
      />
    </Frame>
  );
}
