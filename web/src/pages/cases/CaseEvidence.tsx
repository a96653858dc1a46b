import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '—';

/** A conflict case's decision evidence in the reader's language: how it opened, and the outcome. */
export function CaseEvidenceText({ code, params }: { code: string; params: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const l = loose(t);
  const body =
    code === 'case.opened'
      ? l('cases.evidence.opened', {
          kind: l(`cases.kinds.${text(params.kind)}`, { defaultValue: text(params.kind) }),
          at: formatDateTime(typeof params.openedAt === 'string' ? params.openedAt : null, i18n.language),
          refusal: params.refusalCode
            ? l(`registrations.refusals.${text(params.refusalCode)}`, {
                defaultValue: text(params.refusalCode),
                until: '',
                reason: '',
                minimum: '',
                currency: '',
              })
            : '—',
        })
      : l('cases.evidence.outcome', {
          outcome: l(`cases.outcomes.${text(params.outcome)}`, { defaultValue: text(params.outcome) }),
          reason: text(params.reason),
        });
  return <Typography.Text style={{ wordBreak: 'break-word' }}>{body}</Typography.Text>;
}
