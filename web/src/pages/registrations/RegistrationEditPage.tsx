import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Registration } from '../../api/types.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { RegistrationForm } from './RegistrationForm.js';
import { useRegistration, useRegistrationMutations } from './registrations.api.js';
import {
  toRegistrationBody,
  toRegistrationFormValues,
  type RegistrationFormValues,
} from './registrationForm.js';

function Frame(props: { title: string; back: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Flex align="center" gap={8}>
        <Link to={props.back}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('registrations.portal.back')} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
          {props.title}
        </Typography.Title>
      </Flex>
      <Card styles={{ body: { padding: narrow ? 12 : 24 } }}>{props.children}</Card>
    </Space>
  );
}

/** What saving does: a draft stays a draft; submitting runs the matching and shows the verdict's status. */
function useSave() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const m = useRegistrationMutations();
  const done = async (saved: Registration, submit: boolean) => {
    if (!submit) {
      void message.success(t('registrations.portal.draftSaved'));
      void navigate(`/registrations/${saved.id}`);
      return;
    }
    const sent = await m.submit.mutateAsync({ id: saved.id, body: {} });
    void message.info(t('registrations.portal.sent', { status: t(`registrations.statuses.${sent.status}`) }));
    void navigate(`/registrations/${sent.id}`);
  };
  return { m, done, saving: m.create.isPending || m.update.isPending || m.submit.isPending };
}

export function NewRegistrationPage() {
  const { t } = useTranslation();
  const { m, done, saving } = useSave();
  return (
    <Frame title={t('registrations.register')} back="/registrations">
      <RegistrationForm
        submitLabel={t('registrations.actions.submit')}
        saving={saving}
        onSave={async (values: RegistrationFormValues, submit) =>
          done(await m.create.mutateAsync(toRegistrationBody(values)), submit)
        }
      />
    </Frame>
  );
}

/** A draft being finished, or a registration returned for information being completed and resubmitted. */
export function EditRegistrationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const registration = useRegistration(id);
  const { m, done, saving } = useSave();
  if (registration.error)
    return (
      <LoadFailed
        error={registration.error}
        backTo="/registrations"
        backLabel={t('registrations.portal.back')}
      />
    );
  if (!registration.data) return <Spin />;
  const r = registration.data;
  return (
    <Frame title={r.customer.legalName} back={`/registrations/${r.id}`}>
      <RegistrationForm
        initial={toRegistrationFormValues(r, (iso) => dayjs(iso))}
        submitLabel={t(
          r.status === 'returned' ? 'registrations.portal.resubmit' : 'registrations.actions.submit',
        )}
        saving={saving}
        onSave={async (values, submit) =>
          done(await m.update.mutateAsync({ id: r.id, body: toRegistrationBody(values) }), submit)
        }
      />
    </Frame>
  );
}
