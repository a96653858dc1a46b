import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, List, Popconfirm, Spin, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { Registration } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import {
  ADDABLE,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_REGISTRATION,
  REMOVABLE,
} from '../../../../src/modules/registrations/attachments.schema.js';
import { useAttachments } from './registrations.api.js';

const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The evidence files on one registration: download for whoever sees it, add and remove for the partner. */
export function RegistrationAttachments({ registration: r }: { registration: Registration }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mayAttach = useCan('registrations:submit');
  const { list, add, remove, downloadUrl } = useAttachments(r.id);
  const items = list.data?.items ?? [];
  const canAdd = mayAttach && ADDABLE.includes(r.status) && items.length < ATTACHMENTS_PER_REGISTRATION;
  const canRemove = mayAttach && REMOVABLE.includes(r.status);

  const refused = (name: string, error: unknown) => {
    if (error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE')
      return t('registrations.attachments.tooBig', { name, mb: MB });
    if (error instanceof ApiError && error.code === 'UNSUPPORTED_MEDIA_TYPE')
      return t('registrations.attachments.wrongType', { name });
    return errorText(t, error);
  };

  return (
    <Card
      size="small"
      title={t('registrations.attachments.title')}
      data-testid="registration-attachments"
      extra={
        canAdd && (
          <Upload
            accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
            multiple={false}
            showUploadList={false}
            disabled={add.isPending}
            beforeUpload={(file) => {
              if (file.size > ATTACHMENT_MAX_BYTES) {
                void message.error(t('registrations.attachments.tooBig', { name: file.name, mb: MB }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              if (!(file instanceof File)) return;
              add.mutate(file, {
                onSuccess: (added) => {
                  onSuccess?.(added);
                  void message.success(t('registrations.attachments.attached', { name: added.fileName }));
                },
                onError: (error) => {
                  onError?.(error);
                  void message.error(refused(file.name, error));
                },
              });
            }}
          >
            <Button icon={<UploadOutlined />} loading={add.isPending} data-testid="attachment-add">
              {t('registrations.attachments.add')}
            </Button>
          </Upload>
        )
      }
    >
      {list.isLoading ? (
        <Spin />
      ) : (
        <List
          size="small"
          dataSource={items}
          locale={{ emptyText: t('registrations.attachments.none') }}
          renderItem={(a) => (
            <List.Item
              data-testid="attachment"
              actions={
                canRemove
                  ? [
                      <Popconfirm
                        key="remove"
                        title={t('registrations.attachments.removeConfirm', { name: a.fileName })}
                        onConfirm={() =>
                          remove.mutate(a.id, {
                            onSuccess: () =>
                              void message.success(
                                t('registrations.attachments.removed', { name: a.fileName }),
                              ),
                            onError: (error) => void message.error(errorText(t, error)),
                          })
                        }
                      >
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`${t('registrations.attachments.remove')} ${a.fileName}`}
                        />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <a href={downloadUrl(a.id)} download={a.fileName} style={{ wordBreak: 'break-all' }}>
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {sizeText(a.sizeBytes)} · {formatDateTime(a.createdAt, i18n.language)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {canAdd && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registrations.attachments.hint', { mb: MB, max: ATTACHMENTS_PER_REGISTRATION })}
        </Typography.Text>
      )}
    </Card>
  );
}
