import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert.js';
import { useEnterKey } from './enterKey.js';
import type { FormErrors } from './useFormErrors.js';

/**
 * A dialog around one vertical form: OK submits it, and what `onSubmit` throws is shown by `errors` — under
 * its fields, or in an alert below the form. Enter checks the form and moves on, sending it only from the last
 * field with nothing wrong (enterKey.ts). The form stays mounted while closed, so `form` stays connected.
 */
export function FormModal<V>(props: {
  open: boolean;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  saving: boolean;
  width?: number;
  form: FormInstance<V>;
  errors: FormErrors;
  name: string;
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** Shown above the form. */
  intro?: ReactNode;
  /** Called after `errors` has dropped what the server said about the changed fields. */
  onValuesChange?: (changed: object) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { form, errors } = props;
  const onKeyDown = useEnterKey(form);

  const submit = async (values: V) => {
    errors.clear();
    try {
      await props.onSubmit(values);
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={props.okText}
      okButtonProps={props.danger === undefined ? undefined : { danger: props.danger }}
      cancelText={t('common.cancel')}
      confirmLoading={props.saving}
      width={props.width}
      forceRender
    >
      {props.intro}
      <Form<V>
        form={form}
        layout="vertical"
        name={props.name}
        onFinish={(values) => void submit(values)}
        onKeyDown={onKeyDown}
        onValuesChange={(changed: object) => {
          errors.onValuesChange(changed);
          props.onValuesChange?.(changed);
        }}
      >
        {props.children}
      </Form>
      <FormAlert message={errors.alert} placement="bottom" />
    </Modal>
  );
}
