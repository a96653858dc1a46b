import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDetail, Contact } from '../../api/types.js';
import { errorText } from '../../i18n/errorText.js';
import { useContactMutations } from './accounts.api.js';
import { ContactModal, type ContactDialog } from './ContactModal.js';
import { formatPhone } from '../../../../src/modules/matching/phone-format.js';

/**
 * The people at a customer. Those who may change it add, edit and remove them here (only while the account
 * is active); on a phone each contact is one stacked cell so the actions stay in view.
 */
export function AccountContacts({ account, canWrite }: { account: AccountDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const narrow = Grid.useBreakpoint().md === false;
  const { remove } = useContactMutations(account.id);
  const [dialog, setDialog] = useState<ContactDialog | null>(null);

  const removeContact = (contact: Contact) =>
    remove.mutate(contact.id, {
      onSuccess: () => void message.success(t('accounts.contactRemoved', { name: contact.name })),
      onError: (error) => void message.error(errorText(t, error)),
    });

  const columns: TableColumnsType<Contact> = narrow
    ? [
        {
          title: t('accounts.contacts'),
          key: 'contact',
          render: (_: unknown, c) => (
            <Flex vertical gap={0} style={{ wordBreak: 'break-word' }}>
              <Typography.Text strong>{c.name}</Typography.Text>
              {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
              {c.mobile && <Typography.Text>{formatPhone(c.mobile)}</Typography.Text>}
              {c.email && <Typography.Text>{c.email}</Typography.Text>}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('accounts.contactName'), dataIndex: 'name' },
        {
          title: t('accounts.contactMobile'),
          dataIndex: 'mobile',
          render: (mobile: string | null) => (mobile ? formatPhone(mobile) : null),
        },
        { title: t('accounts.contactEmail'), dataIndex: 'email' },
        { title: t('accounts.contactTitle'), dataIndex: 'title' },
      ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: narrow ? 1 : undefined,
      render: (_: unknown, contact) => (
        <Flex gap={0} vertical={narrow} align={narrow ? 'end' : 'center'}>
          <Button
            type="link"
            icon={<EditOutlined />}
            aria-label={t('accounts.editContact')}
            onClick={() => setDialog({ contact })}
          >
            {narrow ? null : t('common.edit')}
          </Button>
          <Popconfirm
            title={t('accounts.removeContactConfirm', { name: contact.name })}
            okText={t('accounts.removeContact')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => removeContact(contact)}
          >
            <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('accounts.removeContact')}>
              {narrow ? null : t('accounts.removeContact')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Card
      size="small"
      title={t('accounts.contacts')}
      data-testid="contacts"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('accounts.addContact')}
          </Button>
        )
      }
    >
      <Table<Contact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={account.contacts}
        pagination={false}
        showHeader={!narrow}
        scroll={narrow ? undefined : { x: 'max-content' }}
        locale={{ emptyText: t('accounts.noContacts') }}
      />
      <ContactModal accountId={account.id} dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}
