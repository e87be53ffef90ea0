export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntryTable {
  id: string;
  at: string;
  /** user | client | system */
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  department_id: string | null;
  /** What happened, as a dotted action name (`auth.login`, `user.grantRole`, `department.create`). */
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  /** JSON object with what else an auditor needs (changed fields, reasons); never secrets. */
  detail: string;
  request_id: string | null;
  client_ip: string | null;
}

export interface AuditTables {
  audit_entry: AuditEntryTable;
}
