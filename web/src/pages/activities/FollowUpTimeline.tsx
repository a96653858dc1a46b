import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp, FollowUpKind } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useEnterKey } from '../../components/enterKey.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useFollowUps, useLogFollowUp } from './activities.api.js';
import {
  checkInOf,
  FOLLOW_UP_FIELDS,
  followUpBody,
  type CheckIn,
  type FollowUpFormValues,
} from './followUpForm.js';

const KINDS: FollowUpKind[] = ['call', 'visit', 'meeting', 'email', 'message'];
const KIND_COLORS: Record<FollowUpKind, string> = {
  call: 'blue',
  visit: 'green',
  meeting: 'purple',
  email: 'cyan',
  message: 'geekblue',
};

/**
 * The customer's follow-ups, latest first, with an entry form made for a phone: one column, the time set to
 * now, and on a visit a check-in from the phone's location when the user asks for it (never without).
 */
export function FollowUpTimeline({ accountId, canLog }: { accountId: string; canLog: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useFollowUps(accountId);
  const [open, setOpen] = useState(false);

  const item = (f: FollowUp) => ({
    key: f.id,
    color: KIND_COLORS[f.kind],
    children: (
      <Flex vertical gap={2} data-testid="follow-up" style={{ wordBreak: 'break-word' }}>
        <Flex gap={6} wrap align="center">
          <Tag color={KIND_COLORS[f.kind]}>{t(`followUps.kinds.${f.kind}`)}</Tag>
          <Typography.Text type="secondary">{formatDateTime(f.at, i18n.language)}</Typography.Text>
          {!f.byOwner && <Tag color="orange">{t('followUps.notByOwner')}</Tag>}
        </Flex>
        <Typography.Text>{f.note}</Typography.Text>
        {f.nextStep && (
          <Typography.Text type="secondary">
            {t('followUps.nextStep')}: {f.nextStep.text}
            {f.nextStep.at ? ` (${f.nextStep.at})` : ''}
          </Typography.Text>
        )}
        {f.location && (
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {f.location.label ?? `${f.location.lat}, ${f.location.lng}`}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{f.author?.displayName ?? t('followUps.someone')}</Typography.Text>
      </Flex>
    ),
  });

  return (
    <Card
      size="small"
      title={t('followUps.title')}
      data-testid="follow-ups"
      extra={
        canLog &&
        !open && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="log-follow-up"
          >
            {t('followUps.log')}
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        {open && <FollowUpForm accountId={accountId} onDone={() => setOpen(false)} />}
        {list.data && list.data.byOthers > 0 && (
          <Typography.Text type="warning" data-testid="follow-ups-by-others">
            {t('followUps.byOthers', { count: list.data.byOthers })}
          </Typography.Text>
        )}
        {list.error && <Typography.Text type="danger">{errorText(t, list.error)}</Typography.Text>}
        {list.data?.items.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followUps.empty')} />
        )}
        {list.data && list.data.items.length > 0 && <Timeline items={list.data.items.map(item)} />}
      </Flex>
    </Card>
  );
}

function FollowUpForm({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowUpFormValues>();
  const errors = useFormErrors(form, FOLLOW_UP_FIELDS);
  const onKeyDown = useEnterKey(form);
  const log = useLogFollowUp(accountId);
  const kind = Form.useWatch('kind', form);
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [locating, setLocating] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      void message.warning(t('followUps.locationFailed'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setCheckIn(checkInOf(position.coords));
      },
      () => {
        setLocating(false);
        void message.warning(t('followUps.locationFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async (values: FollowUpFormValues) => {
    errors.clear();
    try {
      await log.mutateAsync(followUpBody(values, checkIn));
      void message.success(t('followUps.logged'));
      onDone();
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Form<FollowUpFormValues>
      form={form}
      layout="vertical"
      name="follow-up"
      initialValues={{ kind: 'call', at: dayjs() }}
      onFinish={(values) => void submit(values)}
      onKeyDown={onKeyDown}
      onValuesChange={(changed: object) => errors.onValuesChange(changed)}
      data-testid="follow-up-form"
    >
      <Form.Item name="kind" label={t('followUps.kind')} rules={[{ required: true }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`followUps.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="at" label={t('followUps.at')} rules={[{ required: true }]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item name="note" label={t('followUps.note')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
      <Form.Item name="nextStep" label={t('followUps.nextStep')}>
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="nextStepAt" label={t('followUps.nextStepAt')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      {kind === 'visit' && (
        <Form.Item label={t('followUps.location')}>
          {checkIn ? (
            <Tag
              closable
              onClose={() => setCheckIn(null)}
              icon={<EnvironmentOutlined />}
              data-testid="check-in"
            >
              {checkIn.lat}, {checkIn.lng}
            </Tag>
          ) : (
            <Button
              icon={<EnvironmentOutlined />}
              loading={locating}
              onClick={locate}
              data-testid="check-in-here"
            >
              {locating ? t('followUps.locating') : t('followUps.checkIn')}
            </Button>
          )}
        </Form.Item>
      )}
      <FormAlert message={errors.alert} placement="bottom" />
      <Flex gap={8} justify="end" wrap>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={log.isPending} data-testid="save-follow-up">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
