import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client.js';
import { errorText } from '../i18n/errorText.js';

/** A detail page whose record could not be loaded: why (404 when it is gone or not visible), and a way back. */
export function LoadFailed(props: { error: unknown; backTo: string; backLabel: string }) {
  const { t } = useTranslation();
  const missing = props.error instanceof ApiError && props.error.status === 404;
  return (
    <Result
      status={missing ? '404' : 'error'}
      title={errorText(t, props.error)}
      extra={
        <Link to={props.backTo}>
          <Button type="primary">{props.backLabel}</Button>
        </Link>
      }
    />
  );
}
