import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  ConfigProvider,
  Empty,
  Flex,
  Input,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { AssignmentRule, RuleSet, WhatIf } from '../../api/types.js';
import { ApplyProgress } from './ApplyProgress.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText, fieldProblemText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useRuleSetMutations, useRuleSets } from './assignment.api.js';
import { RuleCard } from './RuleCard.js';
import { WhatIfPanel } from './WhatIfPanel.js';

const STATUS_COLORS: Record<RuleSet['status'], string> = {
  draft: 'processing',
  published: 'success',
  retired: 'default',
};
const PAGE = 20;

const newRule = (n: number): AssignmentRule => ({
  name: `#${n}`,
  conditions: {},
  target: { type: 'round_robin', teamId: '' },
});

/**
 * Assignment rules as sales ops keep them: versions (drafts first), the chosen version's ordered rules,
 * and for a draft: save, check, what-if (which customers would move, each rep's load before and after),
 * publish. Problems the server finds are shown on the rule they name.
 */
export function AssignmentRulesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sets = useRuleSets();
  const mutations = useRuleSetMutations();
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [rules, setRules] = useState<AssignmentRule[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const [applyToExisting, setApplyToExisting] = useState(false);
  const current = sets.data?.items.find((s) => s.id === selected) ?? null;
  const readOnly = current?.status !== 'draft';

  useEffect(() => {
    if (!selected && sets.data?.items[0]) setSelected(sets.data.items[0].id);
  }, [selected, sets.data]);
  useEffect(() => {
    setName(current?.name ?? '');
    setRules(current?.rules ?? []);
    setError(null);
    setWhatIf(null);
  }, [current]);

  const problems = error instanceof ApiError ? error.fields : [];
  const ruleProblems = (i: number) =>
    problems
      .filter((p) => p.field.startsWith(`rules.${i}.`) || p.field === `rules.${i}`)
      .map((p) => fieldProblemText(t, p));
  const otherProblems = problems.filter((p) => !/^rules\.\d+/.test(p.field));
  const fail = (e: unknown) => {
    setError(e);
    void message.error(errorText(t, e));
  };
  const run = async <T,>(action: () => Promise<T>, done: (value: T) => void) => {
    setError(null);
    try {
      done(await action());
    } catch (e) {
      fail(e);
    }
  };

  const save = () =>
    run(
      () => mutations.save.mutateAsync({ id: current!.id, body: { name, rules } }),
      () => void message.success(t('assignment.saved')),
    );
  const check = () =>
    run(
      () => mutations.validate.mutateAsync(rules),
      () => void message.success(t('assignment.valid')),
    );
  const simulate = (offset = 0) =>
    run(async () => {
      await mutations.save.mutateAsync({ id: current!.id, body: { name, rules } });
      return mutations.whatIf.mutateAsync({ id: current!.id, limit: PAGE, offset });
    }, setWhatIf);
  const publish = () =>
    run(
      async () => {
        await mutations.save.mutateAsync({ id: current!.id, body: { name, rules } });
        return mutations.publish.mutateAsync({ id: current!.id, applyToExisting });
      },
      (live) => void message.success(t('assignment.published', { version: live.version })),
    );
  const createDraft = () =>
    run(
      () =>
        mutations.create.mutateAsync({
          name: `${t('assignment.statuses.draft')} ${new Date().toLocaleDateString(i18n.language)}`,
        }),
      (draft) => setSelected(draft.id),
    );
  const move = (i: number, by: -1 | 1) =>
    setRules((list) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('assignment.title')}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void createDraft()}
          data-testid="new-draft"
        >
          {t('assignment.newDraft')}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('assignment.intro')}
      </Typography.Paragraph>
      {sets.error && <Alert type="error" showIcon title={errorText(t, sets.error)} />}
      <Card size="small" title={t('assignment.versions')}>
        <List<RuleSet>
          loading={sets.isLoading}
          dataSource={sets.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('assignment.empty')} /> }}
          renderItem={(s) => (
            <List.Item
              key={s.id}
              onClick={() => setSelected(s.id)}
              style={{
                cursor: 'pointer',
                background: s.id === selected ? '#e6f4ff' : undefined,
                paddingInline: 8,
              }}
              data-testid="rule-set"
              data-status={s.status}
            >
              <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
                <Tag color={STATUS_COLORS[s.status]}>{t(`assignment.statuses.${s.status}`)}</Tag>
                {s.version !== null && <Tag>{t('assignment.version', { version: s.version })}</Tag>}
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {s.name}
                </Typography.Text>
                {s.publishedAt && (
                  <Typography.Text type="secondary">
                    {t('assignment.publishedAt', { at: formatDateTime(s.publishedAt, i18n.language) })}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {!current ? (
        <Empty description={t('assignment.pick')} />
      ) : (
        <ConfigProvider componentDisabled={readOnly}>
          <Flex vertical gap={12}>
            {readOnly && <Alert type="info" showIcon title={t('assignment.readOnly')} />}
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-label={t('assignment.draftName')}
              addonBefore={t('assignment.draftName')}
            />
            {rules.length === 0 && <Alert type="warning" showIcon title={t('assignment.noRules')} />}
            {rules.map((rule, i) => (
              <RuleCard
                key={rule.key ?? `new-${i}`}
                rule={rule}
                index={i}
                count={rules.length}
                readOnly={readOnly}
                problems={ruleProblems(i)}
                onChange={(next) => setRules((list) => list.map((r, j) => (j === i ? next : r)))}
                onMove={(by) => move(i, by)}
                onRemove={() => setRules((list) => list.filter((_, j) => j !== i))}
              />
            ))}
            {otherProblems.length > 0 && (
              <Alert
                type="error"
                showIcon
                title={otherProblems.map((p) => fieldProblemText(t, p)).join('；')}
              />
            )}
            {!readOnly && (
              <Flex gap={8} wrap>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setRules((list) => [...list, newRule(list.length + 1)])}
                  data-testid="add-rule"
                >
                  {t('assignment.addRule')}
                </Button>
                <Button
                  onClick={() => void save()}
                  loading={mutations.save.isPending}
                  data-testid="save-rules"
                >
                  {t('assignment.save')}
                </Button>
                <Button
                  onClick={() => void check()}
                  loading={mutations.validate.isPending}
                  data-testid="check-rules"
                >
                  {t('assignment.validate')}
                </Button>
                <Button
                  onClick={() => void simulate()}
                  loading={mutations.whatIf.isPending}
                  data-testid="what-if"
                >
                  {t('assignment.whatIf')}
                </Button>
                <Popconfirm
                  title={t('assignment.publishConfirm')}
                  description={
                    <Checkbox
                      checked={applyToExisting}
                      onChange={(e) => setApplyToExisting(e.target.checked)}
                      data-testid="apply-to-existing"
                    >
                      {t('assignment.applyToExisting')}
                    </Checkbox>
                  }
                  okText={t('assignment.publish')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void publish()}
                >
                  <Button type="primary" loading={mutations.publish.isPending} data-testid="publish-rules">
                    {t('assignment.publish')}
                  </Button>
                </Popconfirm>
              </Flex>
            )}
          </Flex>
        </ConfigProvider>
      )}
      {current?.status === 'published' && <ApplyProgress ruleSetId={current.id} />}
      {whatIf && <WhatIfPanel result={whatIf} pageSize={PAGE} onPage={(offset) => void simulate(offset)} />}
    </Space>
  );
}
