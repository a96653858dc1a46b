import { App, Form, Input } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateTeamBody, Team, UpdateTeamBody } from '../../api/types.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { UserSelect } from '../../components/UserSelect.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useTeamMutations } from './teams.api.js';
import { subtreeIds } from './teamTree.js';

/** create: a new team (under `parentId`); the others change one aspect of `team`. */
export type TeamFormMode =
  { kind: 'create'; parentId: string | null } | { kind: 'rename' | 'move' | 'manager'; team: Team };

interface TeamFormValues {
  name?: string;
  parentId?: string | null;
  managerId?: string | null;
}

const FIELDS = ['name', 'parentId', 'managerId'] as const;

export function TeamFormModal(props: {
  mode: TeamFormMode | null;
  teams: readonly Team[];
  onClose: () => void;
  onSaved: (team: Team) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const { create, update } = useTeamMutations();
  const { mode } = props;
  const kind = mode?.kind;
  const team = mode && mode.kind !== 'create' ? mode.team : undefined;
  const blocked = useMemo(
    () => (team ? subtreeIds(props.teams, team.id) : new Set<string>()),
    [team, props.teams],
  );

  useEffect(() => {
    if (!mode) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(
      mode.kind === 'create'
        ? { parentId: mode.parentId }
        : { name: mode.team.name, parentId: mode.team.parentId, managerId: mode.team.managerId },
    );
  }, [mode, form, errors.clear]);

  const submit = async (values: TeamFormValues) => {
    let saved: Team;
    if (!team) {
      const body: CreateTeamBody = { name: (values.name ?? '').trim() };
      if (values.parentId) body.parentId = values.parentId;
      if (values.managerId) body.managerId = values.managerId;
      saved = await create.mutateAsync(body);
      void message.success(t('teams.created', { name: saved.name }));
    } else {
      const body: UpdateTeamBody = {};
      if (kind === 'rename') body.name = (values.name ?? '').trim();
      if (kind === 'move') body.parentId = values.parentId ?? null;
      if (kind === 'manager') body.managerId = values.managerId ?? null;
      saved = await update.mutateAsync({ id: team.id, body });
      void message.success(t('teams.saved', { name: saved.name }));
    }
    props.onSaved(saved);
    props.onClose();
  };

  const title = !mode
    ? ''
    : mode.kind === 'create'
      ? t(mode.parentId ? 'teams.newChild' : 'teams.new')
      : `${t(`teams.${mode.kind}`)}: ${mode.team.name}`;

  return (
    <FormModal
      open={mode !== null}
      title={title}
      okText={kind === 'create' ? t('common.create') : t('common.save')}
      saving={create.isPending || update.isPending}
      form={form}
      errors={errors}
      name="team"
      onSubmit={submit}
      onClose={props.onClose}
    >
      {(kind === 'create' || kind === 'rename') && (
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
      )}
      {(kind === 'create' || kind === 'move') && (
        <Form.Item name="parentId" label={t('teams.parent')}>
          <TeamSelect placeholder={t('teams.topLevel')} disabledIds={blocked} />
        </Form.Item>
      )}
      {(kind === 'create' || kind === 'manager') && (
        <Form.Item name="managerId" label={t('teams.manager')}>
          <UserSelect />
        </Form.Item>
      )}
    </FormModal>
  );
}
