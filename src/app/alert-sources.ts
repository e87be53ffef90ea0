import { type AuditTables, activityByActor, keysAskedByActor, sampleEntries } from '../audit/index.js';
import type { ApiClientService, DepartmentService, OrgTables } from '../org/index.js';
import type { CalendarService } from '../platform/calendar/index.js';
import { type Executor, tablesOf } from '../platform/db/index.js';
import type { Settings, SettingsTables } from '../platform/settings/index.js';
import type { NoticeService } from '../sharing/index.js';
import type { AlertSources } from '../supervision/index.js';

/**
 * The security alerts' sources (issue 17, R65): the audit module's narrow reads over the trail,
 * org's API clients and departments, the working-day calendar, the settings and the inbox.
 */
export function bindAlertSources(deps: {
  db: Executor;
  settings: Settings;
  calendar: Pick<CalendarService, 'calendar'>;
  departments: Pick<DepartmentService, 'lookup'>;
  apiClients: Pick<ApiClientService, 'lookup' | 'suspend' | 'liftSuspension'>;
  notices: () => Pick<NoticeService, 'send'>;
}): AlertSources {
  const auditDb = tablesOf<AuditTables>(deps.db);
  return {
    activity: (range) => activityByActor(auditDb, range),
    keysAsked: (range) => keysAskedByActor(auditDb, range),
    samples: (question) => sampleEntries(auditDb, question),
    settings: {
      get: (key) => deps.settings.get(key),
      set: (key, value, executor) => deps.settings.set(key, value, tablesOf<SettingsTables>(executor)),
    },
    isWorkingDay: async () => {
      const calendar = await deps.calendar.calendar();
      return (date) => calendar.isWorkingDay(date);
    },
    departments: { lookup: (id) => deps.departments.lookup(id) },
    apiClients: {
      lookup: (id) => deps.apiClients.lookup(id),
      suspend: (trx, context, id, reason) =>
        deps.apiClients.suspend(tablesOf<OrgTables>(trx), context, id, reason),
      liftSuspension: (trx, context, id, detail) =>
        deps.apiClients.liftSuspension(tablesOf<OrgTables>(trx), context, id, detail),
    },
    notices: { send: (trx, notice) => deps.notices().send(trx, notice) },
  };
}
