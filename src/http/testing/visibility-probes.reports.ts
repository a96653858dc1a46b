import type { Probe } from './visibility-probe.js';
import { get, isPartner } from './visibility-probe.js';

/**
 * Reports: aggregates, aimed at no single object. The distribution report is published to every internal
 * user; the overlap report and KPIs keep to the caller's scope. Partners are refused all three.
 */
const internal = ({ role }: { role: Parameters<typeof isPartner>[0] }) => (isPartner(role) ? 403 : 200);

export const REPORT_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/reports/distribution': [
    {
      label: 'the published distribution report',
      request: () => get('/api/v1/reports/distribution?from=2026-01-01&to=2026-12-31'),
      allowed: internal,
      // Every internal person and its team, by name: published. Never a customer or a partner's user.
      publishes: (w) =>
        w.objects
          .filter((o) => /^(user (admin|sales_ops|manager|rep|finance)|team) /.test(o.key))
          .map((o) => o.id),
    },
  ],
  'GET /api/v1/reports/overlap': [
    {
      label: 'overlap in the caller’s scope',
      request: () => get('/api/v1/reports/overlap'),
      allowed: internal,
    },
  ],
  'GET /api/v1/reports/kpis': [
    { label: 'the caller’s KPIs', request: () => get('/api/v1/reports/kpis'), allowed: internal },
  ],
  'GET /api/v1/reports/channel': [
    {
      label: 'the channel report in the caller’s sight',
      request: () => get('/api/v1/reports/channel?from=2026-01-01&to=2026-12-31'),
      allowed: 200,
    },
    {
      label: 'P2’s scorecard',
      target: (w) => w.partners.p2,
      request: ({ world }) => get(`/api/v1/reports/channel?partnerId=${world.partners.p2}`),
      allowed: 200,
      hidden: 404,
    },
  ],
};
