import { Alert } from 'antd';

/** The part of an error that belongs to no single field, shown with the form. */
export function FormAlert({
  message,
  placement = 'top',
}: {
  message: string | null;
  placement?: 'top' | 'bottom';
}) {
  if (!message) return null;
  const style = placement === 'top' ? { marginBottom: 16 } : { marginTop: 8 };
  return <Alert type="error" showIcon title={message} style={style} role="alert" />;
}
