import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { AuditRecorder } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { AlertSources } from './deps.js';
import {
  dayBefore,
  detectEnumeration,
  detectOffHours,
  detectRefusals,
  detectVolume,
  type Finding,
  perSubject,
  windowOf,
} from './detectors.js';
import { AlertNotices } from './notices.js';
import { alertView, summaryOf } from './present.js';
import type { AlertKind, AlertTables, SupervisionAlertTable } from './schema.js';
import { type AlertSettings, readAlertSettings } from './settings.js';

/** How often the job looks whether a sweep is due; the sweep's own interval is a setting. */
export const ALERTS_TICK_MS = 60_000;
/** Sample audit entry ids an alert keeps. */
const SAMPLES = 10;
/** Kinds that suspend an API client where the operator enabled it. */
const SUSPENDING: readonly AlertKind[] = ['enumeration', 'volume'];

export interface AlertDeps {
  db: Kysely<AlertTables>;
  clock: Clock;
  audit: AuditRecorder;
  sources: AlertSources;
  log: Pick<Logger, 'info' | 'warn'>;
}

export interface SweepResult {
  raised: number;
  updated: number;
  suspended: number;
}

/**
 * The sweep of the access trail (issue 17; R65, R89): every detector over its window, each finding
 * raising an alert or updating the open one of its subject and kind, telling the authority and the
 * security administrators, and suspending an API client where the operator enabled it.
 */
export class AlertSweep {
  #lastSweep = 0;
  /** The sweep running now, if any: the next one waits for it. */
  #sweeping: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AlertDeps) {}

  settings(): Promise<AlertSettings> {
    return readAlertSettings(this.deps.sources.settings);
  }

  /**
   * Runs every detector over the trail now; the job calls it once its interval has passed. Sweeps
   * of one node never overlap (the job is the cluster's one runner across nodes).
   */
  sweep(): Promise<SweepResult> {
    const run = this.#sweeping.then(() => this.#sweepNow());
    // The chain only orders the sweeps: the caller of this one still receives its failure.
    this.#sweeping = run.catch(() => undefined);
    return run;
  }

  async #sweepNow(): Promise<SweepResult> {
    const now = this.deps.clock.now();
    this.#lastSweep = now.getTime();
    const s = await this.settings();
    const { sources } = this.deps;
    const findings: Finding[] = [];

    const volumeWindow = windowOf(now, s.volumeWindowMinutes);
    const volumeNow = await sources.activity(volumeWindow);
    // The baseline is read only for subjects already past the floor: a quiet trail costs one query.
    if ([...perSubject(volumeNow).values()].some((x) => x.reads >= s.volumeFloor)) {
      const baseline = [];
      for (let d = 1; d <= s.volumeBaselineDays; d++)
        baseline.push(await sources.activity(dayBefore(volumeWindow, d)));
      findings.push(...detectVolume(volumeNow, baseline, volumeWindow, s));
    }

    const offWindow = windowOf(now, s.offHoursWindowMinutes);
    const offNow = offWindow.from === volumeWindow.from ? volumeNow : await sources.activity(offWindow);
    findings.push(...detectOffHours(offNow, offWindow, s, await sources.isWorkingDay()));

    const enumWindow = windowOf(now, s.enumerationWindowMinutes);
    const asked = await sources.keysAsked(enumWindow);
    if (asked.length > 0) {
      const subjects = perSubject(await sources.activity(enumWindow));
      findings.push(...detectEnumeration(asked, subjects, enumWindow, s));
    }

    const refusalWindow = windowOf(now, s.refusalWindowMinutes);
    findings.push(...detectRefusals(await sources.activity(refusalWindow), refusalWindow, s));

    const result: SweepResult = { raised: 0, updated: 0, suspended: 0 };
    for (const finding of findings) {
      const outcome = await this.#record(finding, s);
      if (outcome.raised) result.raised += 1;
      if (outcome.updated) result.updated += 1;
      if (outcome.suspended) result.suspended += 1;
    }
    return result;
  }

  /** Raises the finding's alert, or updates the open one of its subject and kind. */
  async #record(finding: Finding, s: AlertSettings) {
    const { db, clock, audit, sources } = this.deps;
    const { subject } = finding;
    const sampleEntryIds = await sources.samples({
      from: finding.windowFrom,
      to: finding.windowTo,
      actorKind: subject.kind,
      actorId: subject.id,
      sample: finding.sample,
      limit: SAMPLES,
    });
    const evidence = JSON.stringify({ ...finding.evidence, sampleEntryIds });
    const now = clock.now().toISOString();
    const latest = await db
      .selectFrom('supervision_alert')
      .selectAll()
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .where('kind', '=', finding.kind)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    // An acknowledged alert covers the accesses of its window: the same reads raise nothing again.
    if (latest?.status === 'acknowledged' && latest.window_to > finding.windowFrom)
      return { raised: false, updated: false, suspended: false };
    const suspends =
      s.autoSuspend &&
      subject.kind === 'client' &&
      SUSPENDING.includes(finding.kind) &&
      (latest?.status !== 'open' || latest.suspension === 'none');
    // Read before the transaction: on SQLite its one connection is held until it commits.
    const named = latest?.status !== 'open';
    const department =
      named && subject.departmentId ? await sources.departments.lookup(subject.departmentId) : undefined;
    const client =
      named && subject.kind === 'client' ? await sources.apiClients.lookup(subject.id) : undefined;
    return db.transaction().execute(async (trx) => {
      let row: SupervisionAlertTable;
      if (latest?.status === 'open') {
        row = {
          ...latest,
          window_to: finding.windowTo,
          evidence,
          occurrences: Number(latest.occurrences) + 1,
          updated_at: now,
        };
        await trx
          .updateTable('supervision_alert')
          .set({
            window_to: row.window_to,
            evidence,
            occurrences: row.occurrences,
            updated_at: now,
          })
          .where('id', '=', latest.id)
          .execute();
      } else {
        row = {
          id: newId(clock.now()),
          kind: finding.kind,
          subject_kind: subject.kind,
          subject_id: subject.id,
          subject_name: subject.name,
          subject_label: client?.name ?? null,
          department_id: subject.departmentId,
          department_name: department?.name ?? null,
          // An actor without a department is platform-wide: only the platform's own staff read it.
          jurisdiction_path: department?.jurisdictionPath ?? '/',
          window_from: finding.windowFrom,
          window_to: finding.windowTo,
          evidence,
          occurrences: 1,
          status: 'open',
          acknowledged_by_id: null,
          acknowledged_by_name: null,
          acknowledged_at: null,
          acknowledged_note: null,
          suspension: 'none',
          suspended_at: null,
          lifted_by_id: null,
          lifted_by_name: null,
          lifted_at: null,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('supervision_alert').values(row).execute();
      }
      await audit.record(
        trx,
        {},
        {
          action: latest?.status === 'open' ? 'supervision.alert.update' : 'supervision.alert.raise',
          targetType: 'supervision_alert',
          targetId: row.id,
          detail: {
            kind: row.kind,
            subjectKind: row.subject_kind,
            subjectId: row.subject_id,
            windowFrom: row.window_from,
            windowTo: row.window_to,
            count: finding.evidence.count,
          },
        },
      );
      let suspended = false;
      if (suspends) {
        const summary = summaryOf(row.kind, finding.evidence);
        suspended = await sources.apiClients.suspend(trx, {}, subject.id, { ...summary, alertId: row.id });
        if (suspended) {
          await trx
            .updateTable('supervision_alert')
            .set({ suspension: 'suspended', suspended_at: now })
            .where('id', '=', row.id)
            .execute();
          row = { ...row, suspension: 'suspended', suspended_at: now };
        }
      }
      if (latest?.status !== 'open' || suspended) await this.#tell(trx, row, finding, suspended);
      return { raised: latest?.status !== 'open', updated: latest?.status === 'open', suspended };
    });
  }

  /** Tells the authority over the subject's jurisdiction and the security administrators. */
  async #tell(trx: Kysely<AlertTables>, row: SupervisionAlertTable, finding: Finding, suspended: boolean) {
    const view = alertView(row);
    const notice = AlertNotices.notice(suspended ? 'supervision.alert.suspended' : 'supervision.alert', {
      kind: view.kindLabel,
      subject: view.subject.label ?? view.subject.name,
      subjectKind: view.subjectKindLabel,
      department: view.subject.departmentName ?? { zh: '平台', en: 'the platform' },
      summary: summaryOf(row.kind, finding.evidence),
    });
    const link = `/security/alerts?alert=${row.id}`;
    for (const role of ['authority', 'security_admin'] as const)
      await this.deps.sources.notices.send(trx, {
        to: { role, jurisdictionPath: row.jurisdiction_path },
        ...notice,
        link,
      });
  }

  /** Registers the sweep: the job ticks every minute and sweeps once the configured interval has passed. */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'supervision.alerts',
      label: { zh: '访问行为监测与安全告警', en: 'Access monitoring and security alerts' },
      every: ALERTS_TICK_MS,
      scope: 'cluster',
      run: async () => {
        const now = this.deps.clock.now().getTime();
        const { intervalMinutes } = await this.settings();
        if (now - this.#lastSweep < intervalMinutes * 60_000) return;
        const result = await this.sweep();
        if (result.raised || result.suspended)
          this.deps.log.info({ job: 'supervision.alerts', ...result }, 'security alerts raised');
      },
    });
  }
}
