import type { ActivityRange, ActorHourActivity, EntrySample, KeysAsked } from '../../audit/index.js';
import type { AuditContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Label } from '../../platform/messages/index.js';
import type { NoticeInput } from '../../sharing/index.js';

/**
 * What the alerts on the access trail (issue 17, R65, R89) need beyond supervision's own deps, bound
 * by the composition root: the audit module's narrow read methods over the trail, org's API
 * clients and departments, the working-day calendar, the settings and the inbox.
 */
export interface AlertSources {
  /** Successful reads and refusals per user and API client, hour by hour (`audit.activityByActor`). */
  activity(range: ActivityRange): Promise<ActorHourActivity[]>;
  /** The record keys each access entry asked for (`audit.keysAskedByActor`). */
  keysAsked(range: ActivityRange): Promise<KeysAsked[]>;
  /** A subject's newest entries of a kind, for the evidence (`audit.sampleEntries`). */
  samples(
    question: ActivityRange & {
      actorKind: 'user' | 'client';
      actorId: string;
      sample: EntrySample;
      limit: number;
    },
  ): Promise<string[]>;
  /** The instance settings where the thresholds are kept. */
  settings: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string, executor: Executor): Promise<void>;
  };
  /** Whether a China date is a working day (statutory holidays and make-up days). */
  isWorkingDay(): Promise<(date: string) => boolean>;
  departments: {
    lookup(id: string): Promise<{ name: string; jurisdictionPath: string } | undefined>;
  };
  apiClients: {
    lookup(
      id: string,
    ): Promise<{ id: string; name: string; status: string; departmentId: string } | undefined>;
    suspend(
      trx: Executor,
      context: AuditContext,
      id: string,
      reason: Label & { alertId: string },
    ): Promise<boolean>;
    liftSuspension(
      trx: Executor,
      context: AuditContext,
      id: string,
      detail: { alertId: string },
    ): Promise<boolean>;
  };
  /** The inbox the cases use (sharing's notices), in the caller's transaction. */
  notices: { send(trx: Executor, notice: NoticeInput): Promise<string> };
}
