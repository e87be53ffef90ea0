import { Gauge, type Registry } from 'prom-client';
import { ALERT_KINDS } from './schema.js';
import type { AlertService } from './service.js';

/**
 * `govshare_security_alerts_open{kind}`: the open alerts on the access trail per kind (issue 17,
 * R65), registered into the platform's metrics registry; every kind is present, 0 when none.
 */
export function registerAlertMetrics(registry: Registry, alerts: Pick<AlertService, 'openByKind'>): void {
  new Gauge({
    name: 'govshare_security_alerts_open',
    help: 'Open security alerts from access-trail monitoring, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const open = await alerts.openByKind();
      for (const kind of ALERT_KINDS) this.set({ kind }, open.get(kind) ?? 0);
    },
  });
}
