import { App, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useTranslation } from 'react-i18next';
import { assignableRoles } from '../../../../src/modules/access/permissions.js';
import {
  LANGUAGES,
  USER_STATUSES,
  type CreatedUser,
  type UpdateUserBody,
  type User,
} from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { TeamSelect } from '../../components/TeamSelect.js';
import { UserSelect } from '../../components/UserSelect.js';
import { emailRule, phoneRule } from '../../components/fieldRules.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { HandoverModal } from './HandoverModal.js';
import { useUserMutations } from './users.api.js';
import {
  toCreateBody,
  toFormValues,
  toUpdateBody,
  USER_FORM_FIELDS,
  type UserFormValues,
} from './userForm.js';

/** Creates a user (`user` undefined) or edits one. A generated password is handed to `onCreated`. */
export function UserFormModal(props: {
  open: boolean;
  user?: User | undefined;
  onClose: () => void;
  onCreated: (user: CreatedUser) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<UserFormValues>();
  const errors = useFormErrors(form, USER_FORM_FIELDS);
  const { create, update } = useUserMutations();
  const editing = props.user;
  const saving = create.isPending || update.isPending;
  // Deactivating someone who holds customers: the server says how many; the handover dialog takes over.
  const [handover, setHandover] = useState<{ count: number; body: UpdateUserBody } | null>(null);

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(editing ? toFormValues(editing) : { role: 'rep', status: 'active' });
  }, [props.open, editing, form, errors.clear]);

  const roles = me.user.role ? assignableRoles(me.user.role) : [];
  const roleOptions = roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const roleLocked = !!editing && (!roles.includes(editing.role) || editing.id === me.user.id);
  if (editing && !roles.includes(editing.role)) {
    roleOptions.push({ value: editing.role, label: t(`roles.${editing.role}`) });
  }

  const submit = async (values: UserFormValues) => {
    if (editing) {
      const body = toUpdateBody(editing, values);
      if (!body) {
        void message.info(t('users.noChanges'));
        props.onClose();
        return;
      }
      const saved = await update.mutateAsync({ id: editing.id, body }).catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.code !== 'USER_HOLDS_CUSTOMERS') throw error;
        setHandover({ count: Number(error.details.count) || 0, body });
        return null;
      });
      if (!saved) return;
      void message.success(t('users.updated', { name: saved.displayName }));
    } else {
      const created = await create.mutateAsync(toCreateBody(values));
      void message.success(t('users.created', { name: created.displayName }));
      props.onCreated(created);
    }
    props.onClose();
  };

  return (
    <>
      <FormModal
        open={props.open}
        title={editing ? t('users.edit') : t('users.new')}
        okText={editing ? t('common.save') : t('common.create')}
        saving={saving}
        form={form}
        errors={errors}
        name="user"
        onSubmit={submit}
        onClose={props.onClose}
      >
        <Form.Item name="login" label={t('users.login')} rules={[{ required: !editing, whitespace: true }]}>
          <Input disabled={!!editing} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roleOptions} disabled={roleLocked} />
        </Form.Item>
        <Form.Item name="status" label={t('users.status')} rules={[{ required: true }]}>
          <Select options={USER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.team')}>
          <TeamSelect />
        </Form.Item>
        <Form.Item name="managerId" label={t('users.manager')}>
          <UserSelect excludeId={editing?.id} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[emailRule(t)]}>
          <Input type="email" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[phoneRule(t)]}>
          <Input type="tel" maxLength={40} />
        </Form.Item>
        <Form.Item name="language" label={t('users.language')}>
          <Select
            allowClear
            placeholder={t('language.orgDefault')}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          />
        </Form.Item>
        {editing ? (
          <Form.Item name="reason" label={t('users.reason')} extra={t('users.reasonHelp')}>
            <Input maxLength={500} />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')}>
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
        )}
      </FormModal>
      {/* After the form: opened over it, it must come later in the page to sit on top. */}
      <HandoverModal
        user={handover && editing ? editing : null}
        count={handover?.count ?? 0}
        body={handover?.body ?? null}
        onClose={(done) => {
          setHandover(null);
          if (done) props.onClose();
        }}
      />
    </>
  );
}
