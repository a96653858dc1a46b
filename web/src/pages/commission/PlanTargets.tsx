import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextPeriod } from '../../../../src/modules/commission/calendar.js';
import { useCan } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { errorText, problemText } from '../../i18n/errorText.js';
import { problemsOf } from '../../components/formErrors.js';
import { planYear, targetKey, versionTargets } from './planForm.js';
import { warningText } from './planFormula.js';
import {
  usePlanMutations,
  type Payee,
  type PlanDetail,
  type PlanVersion,
  type PlanWarning,
} from './plans.api.js';

/**
 * Targets per payee × period of one version: editable while the version is a draft, each empty cell showing
 * (greyed) the target an earlier published version keeps in force.
 */
export function PlanTargets(props: { plan: PlanDetail; version: PlanVersion; payees: Payee[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const m = usePlanMutations();
  const v = props.version;
  const canConfigure = useCan('commission:configure');
  const editable = v.status === 'draft' && canConfigure;
  const { own, inherited } = useMemo(() => versionTargets(props.plan.versions, v.version), [props.plan, v]);
  const [edits, setEdits] = useState(new Map<string, string>());
  const [extra, setExtra] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<PlanWarning[]>([]);
  const [cellErrors, setCellErrors] = useState(new Map<string, string>());
  const [alert, setAlert] = useState<string | null>(null);
  const periods = useMemo(() => {
    const all = new Set([...planYear(v.rules, v.effectiveFrom), ...extra]);
    for (const key of [...own.keys(), ...inherited.keys()]) all.add(key.split('|')[1]!);
    return [...all].sort();
  }, [v, own, inherited, extra]);
  const value = (key: string) => edits.get(key) ?? own.get(key) ?? '';
  const names = new Map(props.payees.map((p) => [p.id, p.payee.name]));

  const save = async () => {
    setAlert(null);
    setCellErrors(new Map());
    const cells = props.payees.flatMap((p) =>
      periods
        .map((periodStart) => ({
          payeeId: p.id,
          periodStart,
          target: value(targetKey(p.id, periodStart)).trim(),
        }))
        .filter((c) => c.target !== ''),
    );
    if (cells.length === 0) return;
    try {
      const saved = await m.putTargets.mutateAsync({ id: props.plan.id, versionId: v.id, targets: cells });
      setWarnings(saved.warnings);
      setEdits(new Map());
      void message.success(t('commissionPlans.targetsSaved'));
    } catch (error) {
      // `targets.3.target` → the cell of the fourth target sent.
      const byCell = new Map<string, string>();
      for (const p of problemsOf(error)) {
        const index = /^targets\.(\d+)/.exec(p.field)?.[1];
        const cell = index === undefined ? undefined : cells[Number(index)];
        if (cell) byCell.set(targetKey(cell.payeeId, cell.periodStart), problemText(t, p));
      }
      setCellErrors(byCell);
      setAlert(errorText(t, error));
    }
  };

  const columns: TableColumnsType<Payee> = [
    { title: t('commissionPlans.payee'), key: 'payee', fixed: 'left', render: (_, p) => p.payee.name },
    ...periods.map((periodStart) => ({
      title: periodStart,
      key: periodStart,
      render: (_: unknown, p: Payee) => {
        const key = targetKey(p.id, periodStart);
        const fallback = inherited.get(key);
        if (!editable)
          return own.get(key) ?? <Typography.Text type="secondary">{fallback ?? '—'}</Typography.Text>;
        return (
          <Flex vertical>
            <Input
              size="small"
              style={{ width: 130 }}
              aria-label={`${p.payee.name} ${periodStart}`}
              value={value(key)}
              placeholder={fallback}
              status={cellErrors.has(key) ? 'error' : undefined}
              onChange={(e) => setEdits((before) => new Map(before).set(key, e.target.value))}
            />
            {cellErrors.has(key) && <Typography.Text type="danger">{cellErrors.get(key)}</Typography.Text>}
          </Flex>
        );
      },
    })),
  ];
  const last = periods[periods.length - 1];
  return (
    <Card
      size="small"
      data-testid="targets"
      title={t('commissionPlans.targetsOf', { version: v.version })}
      extra={
        editable && (
          <Flex gap={8} wrap>
            {last && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setExtra((before) => [...before, nextPeriod(v.rules, last).start])}
              >
                {t('commissionPlans.addPeriod')}
              </Button>
            )}
            <Button size="small" type="primary" loading={m.putTargets.isPending} onClick={() => void save()}>
              {t('commissionPlans.saveTargets')}
            </Button>
          </Flex>
        )
      }
    >
      {!editable && v.status !== 'draft' && (
        <Typography.Paragraph type="secondary">{t('commissionPlans.targetsReadOnly')}</Typography.Paragraph>
      )}
      <FormAlert message={alert} />
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('commissionPlans.warnings')}
          description={warnings.map((w, i) => (
            <div key={i}>
              {warningText(t, w, (id) => names.get(id) ?? id, {
                currency: v.rules.currency,
                language: i18n.language,
              })}
            </div>
          ))}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={props.payees}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('commissionPlans.noPayees') }}
      />
    </Card>
  );
}
