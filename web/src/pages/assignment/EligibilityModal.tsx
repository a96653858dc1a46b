import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Input, InputNumber, List, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.js';
import { errorText } from '../../i18n/errorText.js';
import { useEligibility, useEligibilityMutations } from './assignment.api.js';

/**
 * A user's absences (days they take no new customers, in the organisation's calendar) and, for sales ops,
 * the most customers they may hold before assignment rules pass them by.
 */
export function EligibilityModal(props: {
  user: { id: string; displayName: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const open = props.user !== null;
  return (
    <Modal
      open={open}
      title={`${t('assignment.eligibility.title')} · ${props.user?.displayName ?? ''}`}
      onCancel={props.onClose}
      footer={null}
      destroyOnHidden
    >
      {props.user && <EligibilityBody userId={props.user.id} />}
    </Modal>
  );
}

function EligibilityBody({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canCap = useCan('assignment:manage');
  const eligibility = useEligibility(userId);
  const { addAbsence, removeAbsence, setCapacity } = useEligibilityMutations(userId);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [note, setNote] = useState('');
  const [cap, setCap] = useState<number | null | undefined>(undefined);
  const failed = (e: unknown) => void message.error(errorText(t, e));
  const data = eligibility.data;

  if (eligibility.error) return <Alert type="error" showIcon title={errorText(t, eligibility.error)} />;
  const capacity = cap === undefined ? (data?.maxAccounts ?? null) : cap;
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Text strong>{t('assignment.eligibility.capacity')}</Typography.Text>
        <Typography.Text type="secondary">{t('assignment.eligibility.capacityHelp')}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <InputNumber
            min={0}
            disabled={!canCap}
            value={capacity}
            onChange={(v) => setCap(v)}
            aria-label={t('assignment.eligibility.capacity')}
          />
          {canCap && (
            <Button
              onClick={() => setCapacity.mutate(capacity, { onError: failed })}
              loading={setCapacity.isPending}
            >
              {t('assignment.eligibility.saveCapacity')}
            </Button>
          )}
          {data && (
            <Typography.Text>{t('assignment.eligibility.held', { count: data.held })}</Typography.Text>
          )}
        </Flex>
      </Flex>
      <Flex vertical gap={8}>
        <Typography.Text strong>{t('assignment.eligibility.absences')}</Typography.Text>
        <List
          size="small"
          loading={eligibility.isLoading}
          dataSource={data?.absences ?? []}
          locale={{ emptyText: t('assignment.eligibility.none') }}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              data-testid="absence"
              actions={[
                <Button
                  key="remove"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('assignment.remove')}
                  onClick={() => removeAbsence.mutate(a.id, { onError: failed })}
                />,
              ]}
            >
              <span style={{ wordBreak: 'break-word' }}>
                {a.from} – {a.to}
                {a.note ? ` · ${a.note}` : ''}
              </span>
            </List.Item>
          )}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={[t('assignment.eligibility.from'), t('assignment.eligibility.to')]}
          style={{ width: '100%' }}
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('assignment.eligibility.note')}
          maxLength={200}
        />
        <Button
          type="primary"
          disabled={!range?.[0] || !range[1]}
          loading={addAbsence.isPending}
          onClick={() =>
            addAbsence.mutate(
              {
                from: range![0]!.format('YYYY-MM-DD'),
                to: range![1]!.format('YYYY-MM-DD'),
                ...(note && { note }),
              },
              {
                onSuccess: () => {
                  setRange(null);
                  setNote('');
                },
                onError: failed,
              },
            )
          }
        >
          {t('assignment.eligibility.add')}
        </Button>
      </Flex>
    </Flex>
  );
}
