import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A secret (generated password, API token) shown exactly once, with a copy button. */
export function SecretModal(props: {
  title: string;
  help: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.secret !== null}
      title={props.title}
      onCancel={props.onClose}
      footer={
        <Button type="primary" onClick={props.onClose} data-testid="secret-close">
          {t('common.close')}
        </Button>
      }
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={props.help} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}
        data-testid="secret"
        style={{ wordBreak: 'break-all', fontSize: 16 }}
      >
        {props.secret}
      </Typography.Paragraph>
    </Modal>
  );
}
