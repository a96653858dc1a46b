import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { useImport } from './imports.api.js';

/**
 * "from the import customers.csv · rows 3, 7": where values came from. The import is named and linked only
 * for readers who may open imports; others learn that they came from one, and which rows.
 */
export function ImportRef({ importId, lines }: { importId: string; lines: readonly number[] }) {
  const { t } = useTranslation();
  const canOpen = useCan('accounts:import');
  const job = useImport(importId, canOpen);
  const rows = lines.length > 0 ? t('imported.rows', { count: lines.length, rows: lines.join(', ') }) : null;
  return (
    <span style={{ wordBreak: 'break-word' }} data-testid="import-ref">
      {canOpen ? (
        <Link to={`/imports/${importId}`}>
          {t('imported.fromImport', { name: job.data?.filename ?? importId.slice(0, 8) })}
        </Link>
      ) : (
        t('imported.fromAnImport')
      )}
      {rows && ` · ${rows}`}
    </span>
  );
}
