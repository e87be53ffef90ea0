import type { AuditTrail } from '../../audit/index.js';
import type { ProviderLookup } from '../../catalog/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/log/index.js';
import { AddressGuard } from '../../platform/net/index.js';
import type { SharingDb } from '../db.js';
import { ChannelService } from './channels.js';
import { DeliveryOutbox } from './outbox.js';
import { Mailer } from './transports.js';
import { DeliveryWorker } from './worker.js';

export { type Channel, ChannelService, type Delivery } from './channels.js';
export { DeliveryErrors } from './errors.js';
export { deliveryMigrations } from './migrations.js';
export { DeliveryOutbox } from './outbox.js';
export { channelRoutes } from './routes.js';
export type { DeliveryTables } from './schema.js';
export { type NoticePayload, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './transports.js';
export { type DeliveryRunResult, DeliveryWorker, MAX_ATTEMPTS, RETRY_MINUTES } from './worker.js';

export interface DeliveryServices {
  outbox: DeliveryOutbox;
  channels: ChannelService;
  worker: DeliveryWorker;
  close(): void;
}

/**
 * Notice delivery beyond the inbox: the outbox the notice service writes to, the channels
 * departments register, and the worker that sends after commit. E-mail needs an SMTP server
 * (`GOVSHARE_SMTP_URL`); webhooks need nothing from the instance.
 */
export function createDeliveryServices(deps: {
  db: SharingDb;
  audit: AuditTrail;
  clock: Clock;
  box: SecretBox;
  departments: ProviderLookup;
  smtp: { url: string; from: string } | undefined;
  publicUrl: string;
  /** Networks beyond the public internet that webhooks may reach (the operator's setting). */
  outboundAllowedNetworks?: () => readonly string[];
  log: Logger;
}): DeliveryServices {
  const mailer = deps.smtp ? new Mailer(deps.smtp) : undefined;
  const emailEnabled = mailer !== undefined;
  const guard = new AddressGuard(deps.outboundAllowedNetworks ?? (() => []));
  return {
    outbox: new DeliveryOutbox({ clock: deps.clock, emailEnabled }),
    channels: new ChannelService({ ...deps, emailEnabled, guard }),
    worker: new DeliveryWorker({ ...deps, mailer, guard }),
    close: () => mailer?.close(),
  };
}
