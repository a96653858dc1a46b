import { Alert, Button, Flex, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errorText.js';
import { useDecision } from './decisions.api.js';
import { DecisionHeading, DecisionView } from './DecisionView.js';

/** One decision in a dialog, opened from the audit log or a merge: why a change was made. */
export function DecisionModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const decision = useDecision(id);
  return (
    <Modal
      open={id !== null}
      title={t('decisions.openTitle')}
      onCancel={onClose}
      width={760}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      {decision.isPending && <Spin />}
      {decision.error && <Alert type="error" showIcon title={errorText(t, decision.error)} />}
      {decision.data && (
        <Flex vertical gap={12} data-testid="decision-modal">
          <DecisionHeading decision={decision.data} />
          <DecisionView decision={decision.data} />
        </Flex>
      )}
    </Modal>
  );
}
