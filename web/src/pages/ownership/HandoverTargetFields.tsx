import { Form, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandoverTarget } from '../../api/types.js';
import { UserSelect } from '../../components/UserSelect.js';
import { usePools } from './ownership.api.js';

export type TargetType = HandoverTarget['type'];
export const TARGET_TYPES: readonly TargetType[] = ['user', 'manager', 'pool', 'rule'];

/** The target part of a handover form: `targetType`, then `userId` or `poolId` as the type needs. */
export interface HandoverTargetValues {
  targetType: TargetType;
  userId?: string | null;
  poolId?: string | null;
}

export function toHandoverTarget(values: HandoverTargetValues): HandoverTarget {
  if (values.targetType === 'user') return { type: 'user', userId: values.userId ?? '' };
  if (values.targetType === 'pool') return { type: 'pool', poolId: values.poolId ?? '' };
  if (values.targetType === 'rule') return { type: 'rule' };
  return { type: 'manager' };
}

/**
 * Where handed-over customers go — a person, each owner's manager, a pool, or where the live assignment rules send each — as form items of the
 * surrounding Form; the server's problems with `to.userId` / `handover.userId` land on `userId`.
 */
export function HandoverTargetFields({ excludeUserId }: { excludeUserId?: string | undefined }) {
  const { t } = useTranslation();
  const pools = usePools();
  const type = Form.useWatch<TargetType | undefined>('targetType');
  return (
    <>
      <Form.Item name="targetType" label={t('ownershipAdmin.transfer.to')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={TARGET_TYPES.map((k) => ({ value: k, label: t(`ownershipAdmin.transfer.targets.${k}`) }))}
          data-testid="handover-target"
        />
      </Form.Item>
      {type === 'user' && (
        <Form.Item name="userId" label={t('ownershipAdmin.transfer.user')} rules={[{ required: true }]}>
          <UserSelect excludeId={excludeUserId} />
        </Form.Item>
      )}
      {type === 'pool' && (
        <Form.Item name="poolId" label={t('ownershipAdmin.transfer.pool')} rules={[{ required: true }]}>
          <Select
            loading={pools.isLoading}
            options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            data-testid="handover-pool"
          />
        </Form.Item>
      )}
    </>
  );
}
