import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { UserSelect } from '../../components/UserSelect.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useSetAccountTeam } from './ownershipAdmin.api.js';
import {
  bpToPercent,
  TEAM_ROLE_LIST,
  teamProblems,
  toTeamBody,
  toTeamRows,
  totalBp,
  type TeamRow,
} from './teamForm.js';

interface FormRow extends Omit<TeamRow, 'until'> {
  until: Dayjs | null;
}
interface TeamValues {
  members: FormRow[];
  reason?: string;
}

const FIELDS = ['members.*.userId', 'members.*.role', 'members.*.until', 'reason'] as const;
const toRows = (members: readonly FormRow[] | undefined): TeamRow[] =>
  (members ?? []).map((m) => ({ ...m, until: m.until ? m.until.format('YYYY-MM-DD') : null }));

/**
 * Edits the collaborators beside the owner: a person, a role, a default credit share in percent (kept in
 * basis points; all shares at most 100 %), an optional last day. The server checks again and names the row.
 */
export function TeamEditModal(props: {
  open: boolean;
  accountId: string;
  team: readonly TeamMember[];
  ownerId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamValues>();
  const errors = useFormErrors(form, FIELDS);
  const save = useSetAccountTeam(props.accountId);
  const members = Form.useWatch('members', form);
  const rows = toRows(members);
  const total = totalBp(rows);
  const over = teamProblems(rows).some((p) => p.problem === 'credit_over_100');

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue({
      members: toTeamRows(props.team).map((r) => ({ ...r, until: r.until ? dayjs(r.until) : null })),
    });
  }, [props.open, props.team, form, errors.clear]);

  const submit = async (values: TeamValues) => {
    // Shown in the form's alert; the server would refuse it too (credit_over_100).
    if (teamProblems(toRows(values.members)).some((p) => p.problem === 'credit_over_100'))
      throw new Error(t('ownershipAdmin.team.overTotal'));
    await save.mutateAsync(toTeamBody(toRows(values.members), values.reason));
    void message.success(t('ownershipAdmin.team.saved'));
    props.onClose();
  };

  return (
    <FormModal
      open={props.open}
      title={t('ownershipAdmin.team.title')}
      okText={t('common.save')}
      saving={save.isPending}
      form={form}
      errors={errors}
      name="accountTeam"
      width={720}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} wrap align="flex-start" data-testid="team-row">
                <Form.Item
                  name={[field.name, 'userId']}
                  rules={[{ required: true, message: t('ownershipAdmin.team.personRequired') }]}
                  style={{ flex: '1 1 180px', marginBottom: 0 }}
                >
                  <UserSelect placeholder={t('ownershipAdmin.team.member')} excludeId={props.ownerId} />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} style={{ flex: '1 1 150px', marginBottom: 0 }}>
                  <Select
                    aria-label={t('ownershipAdmin.team.role')}
                    options={TEAM_ROLE_LIST.map((r) => ({ value: r, label: t(`ownership.teamRoles.${r}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'percent']} style={{ flex: '0 1 110px', marginBottom: 0 }}>
                  <InputNumber
                    aria-label={t('ownershipAdmin.team.share')}
                    min={0}
                    max={100}
                    precision={2}
                    suffix="%"
                    style={{ width: '100%' }}
                    data-testid="team-share"
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'until']} style={{ flex: '1 1 140px', marginBottom: 0 }}>
                  <DatePicker placeholder={t('ownershipAdmin.team.until')} style={{ width: '100%' }} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('ownershipAdmin.team.remove')}
                  onClick={() => remove(field.name)}
                  data-testid="team-remove"
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ userId: null, role: 'assisting_rep', percent: 0, until: null })}
              data-testid="team-add"
            >
              {t('ownershipAdmin.team.add')}
            </Button>
            <Typography.Text type={over ? 'danger' : 'secondary'} data-testid="team-total">
              {over
                ? t('ownershipAdmin.team.overTotal')
                : t('ownershipAdmin.team.total', { percent: bpToPercent(total) })}
            </Typography.Text>
          </Flex>
        )}
      </Form.List>
      <Form.Item name="reason" label={t('ownershipAdmin.team.reason')} style={{ marginTop: 16 }}>
        <Input maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
