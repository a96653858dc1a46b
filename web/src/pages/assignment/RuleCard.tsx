import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccountSize,
  AssignmentRule,
  RuleConditions,
  RuleTarget,
  RuleTargetType,
} from '../../api/types.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { UserSelect } from '../../components/UserSelect.js';
import { IndustrySelect, RegionCascader } from '../accounts/PlacePickers.js';
import { useIndustries, useRegions } from '../accounts/places.api.js';
import { usePools } from './assignment.api.js';

const SIZES: AccountSize[] = ['micro', 'small', 'medium', 'large', 'enterprise'];
const TARGETS: RuleTargetType[] = ['round_robin', 'least_loaded', 'weighted', 'user', 'team_queue', 'pool'];
type Codes = 'regions' | 'excludeRegions' | 'industries';
type Words = 'sources' | 'tags' | 'productLines';

/** A fresh target of a type, keeping the team where the new type has one. */
export function targetOf(type: RuleTargetType, previous: RuleTarget): RuleTarget {
  const teamId = 'teamId' in previous ? previous.teamId : '';
  switch (type) {
    case 'user':
      return { type, userId: 'userId' in previous ? previous.userId : '' };
    case 'pool':
      return { type, poolId: 'poolId' in previous ? previous.poolId : '' };
    case 'team_queue':
      return { type, teamId };
    case 'weighted':
      return { type, teamId, weightSource: 'last_period', weights: [] };
    case 'round_robin':
    case 'least_loaded':
      return { type, teamId };
  }
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Flex>
  );
}

/** One rule: its name, its conditions (codes picked with the customer form's pickers) and its target. */
export function RuleCard(props: {
  rule: AssignmentRule;
  index: number;
  count: number;
  readOnly: boolean;
  problems: string[];
  onChange: (rule: AssignmentRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const industries = useIndustries();
  const pools = usePools();
  const { rule, readOnly } = props;
  const c: RuleConditions = rule.conditions ?? {};
  const setConditions = (patch: Partial<RuleConditions>) =>
    props.onChange({ ...rule, conditions: { ...c, ...patch } });
  const setTarget = (target: RuleTarget) => props.onChange({ ...rule, target });
  const target = rule.target;

  const codeName = (key: Codes, code: string) =>
    (key === 'industries' ? industries.index?.name(code, i18n.language) : regions.index?.label(code)) ?? code;
  const codes = (key: Codes) => (
    <Field label={t(`assignment.${key}`)}>
      <Flex gap={4} wrap>
        {(c[key] ?? []).map((code) => (
          <Tag
            key={code}
            closable={!readOnly}
            onClose={() => setConditions({ [key]: (c[key] ?? []).filter((x) => x !== code) })}
          >
            {codeName(key, code)}
          </Tag>
        ))}
        {(c[key] ?? []).length === 0 && (
          <Typography.Text type="secondary">{t('assignment.anything')}</Typography.Text>
        )}
      </Flex>
      {!readOnly &&
        (key === 'industries' ? (
          <IndustrySelect
            sections
            value={null}
            aria-label={t('assignment.industries')}
            onChange={(code) =>
              code && setConditions({ industries: [...new Set([...(c.industries ?? []), code])] })
            }
          />
        ) : (
          <RegionCascader
            value={null}
            aria-label={t(`assignment.${key}`)}
            onChange={(code) => code && setConditions({ [key]: [...new Set([...(c[key] ?? []), code])] })}
          />
        ))}
    </Field>
  );
  const words = (key: Words) => (
    <Field label={t(`assignment.${key}`)}>
      <Select
        mode="tags"
        disabled={readOnly}
        value={c[key] ?? []}
        onChange={(value: string[]) => setConditions({ [key]: value })}
        placeholder={t('assignment.anything')}
        aria-label={t(`assignment.${key}`)}
      />
    </Field>
  );

  return (
    <Card
      size="small"
      data-testid="assignment-rule"
      title={
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Tag>{t('assignment.position', { n: props.index + 1 })}</Tag>
          <Input
            value={rule.name}
            disabled={readOnly}
            onChange={(e) => props.onChange({ ...rule, name: e.target.value })}
            placeholder={t('assignment.ruleName')}
            aria-label={t('assignment.ruleName')}
            data-testid="rule-name"
          />
        </Flex>
      }
      extra={
        !readOnly && (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('assignment.moveUp')}
              disabled={props.index === 0}
              onClick={() => props.onMove(-1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('assignment.moveDown')}
              disabled={props.index === props.count - 1}
              onClick={() => props.onMove(1)}
            />
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('assignment.remove')}
              onClick={props.onRemove}
            />
          </Flex>
        )
      }
    >
      <Flex vertical gap={12}>
        {codes('regions')}
        {codes('excludeRegions')}
        {codes('industries')}
        <Field label={t('assignment.sizes')}>
          <Select
            mode="multiple"
            disabled={readOnly}
            value={c.sizes ?? []}
            onChange={(sizes: AccountSize[]) => setConditions({ sizes })}
            options={SIZES.map((s) => ({ value: s, label: t(`accounts.sizes.${s}`) }))}
            placeholder={t('assignment.anything')}
            aria-label={t('assignment.sizes')}
          />
        </Field>
        {words('sources')}
        {words('tags')}
        {words('productLines')}
        <Field label={t('assignment.group')}>
          <Select
            disabled={readOnly}
            value={c.group ?? 'any'}
            onChange={(group: 'any' | 'group' | 'standalone') => setConditions({ group })}
            options={(['any', 'group', 'standalone'] as const).map((g) => ({
              value: g,
              label: t(`assignment.groups.${g}`),
            }))}
          />
        </Field>
        <Field label={t('assignment.target')}>
          <Select<RuleTargetType>
            disabled={readOnly}
            value={target.type}
            onChange={(type) => setTarget(targetOf(type, target))}
            options={TARGETS.map((type) => ({ value: type, label: t(`assignment.targets.${type}`) }))}
            data-testid="rule-target"
          />
        </Field>
        {'teamId' in target && (
          <Field label={t('assignment.team')} testId="rule-team">
            <TeamSelect
              value={target.teamId || null}
              onChange={(teamId) => setTarget({ ...target, teamId: teamId ?? '' })}
            />
          </Field>
        )}
        {target.type !== 'team_queue' && 'teamId' in target && (
          <Flex gap={8} align="center">
            <Switch
              disabled={readOnly}
              checked={target.includeManagers ?? false}
              onChange={(includeManagers) => setTarget({ ...target, includeManagers })}
              aria-label={t('assignment.includeManagers')}
            />
            <Typography.Text>{t('assignment.includeManagers')}</Typography.Text>
          </Flex>
        )}
        {target.type === 'user' && (
          <Field label={t('assignment.user')}>
            <UserSelect
              value={target.userId || null}
              onChange={(userId) => setTarget({ ...target, userId: userId ?? '' })}
            />
          </Field>
        )}
        {target.type === 'pool' && (
          <Field label={t('assignment.pool')}>
            <Select
              disabled={readOnly}
              value={target.poolId || undefined}
              onChange={(poolId: string) => setTarget({ ...target, poolId })}
              options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              aria-label={t('assignment.pool')}
            />
          </Field>
        )}
        {target.type === 'weighted' && (
          <Field label={t('assignment.weightSource')}>
            <Select
              disabled={readOnly}
              value={target.weightSource}
              onChange={(weightSource: 'manual' | 'last_period') => setTarget({ ...target, weightSource })}
              options={(['last_period', 'manual'] as const).map((w) => ({
                value: w,
                label: t(`assignment.weightSources.${w}`),
              }))}
            />
            {target.weightSource === 'manual' &&
              (target.weights ?? []).map((w, i) => (
                <Flex key={i} gap={8} wrap>
                  <div style={{ flex: '1 1 180px', minWidth: 0 }}>
                    <UserSelect
                      value={w.userId || null}
                      onChange={(userId) =>
                        setTarget({
                          ...target,
                          weights: (target.weights ?? []).map((x, j) =>
                            j === i ? { ...x, userId: userId ?? '' } : x,
                          ),
                        })
                      }
                    />
                  </div>
                  <InputNumber
                    min={0}
                    max={100}
                    value={w.weight}
                    aria-label={t('assignment.weight')}
                    onChange={(weight) =>
                      setTarget({
                        ...target,
                        weights: (target.weights ?? []).map((x, j) =>
                          j === i ? { ...x, weight: weight ?? 0 } : x,
                        ),
                      })
                    }
                  />
                </Flex>
              ))}
            {target.weightSource === 'manual' && !readOnly && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  setTarget({ ...target, weights: [...(target.weights ?? []), { userId: '', weight: 1 }] })
                }
              >
                {t('assignment.addWeight')}
              </Button>
            )}
          </Field>
        )}
        {props.problems.length > 0 && (
          <Alert type="error" showIcon title={props.problems.join('；')} data-testid="rule-problems" />
        )}
      </Flex>
    </Card>
  );
}
