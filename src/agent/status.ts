/** What a mapping reports: in the heartbeat, on the progress line, in the logs. */
export interface MappingStatus {
  name: string;
  direction: 'outbound' | 'inbound';
  entryId: string;
  /** Seconds behind (0 when caught up); null before the first pass. */
  lagSeconds: number | null;
  lastSyncedAt: string | null;
  /** Rows (outbound) or changes (inbound) the platform / the local table took, since the mapping began. */
  rowsSynced: number;
  lastError: string | null;
  /** What it is doing now, for the progress line. */
  phase: string;
  /** Rows read (outbound) or changes received (inbound) since this process started. */
  rowsThisRun: number;
  /** Inbound: the resource's last change number and the local cursor. */
  lastSeq?: number;
  cursor?: number;
}

/** A problem with a mapping that retrying will not fix: its configuration, the table or the catalog. */
/** The status of a mapping before its first run. */
export function startingStatus(
  mapping: { name: string; entryId: string },
  direction: MappingStatus['direction'],
): MappingStatus {
  return {
    name: mapping.name,
    direction,
    entryId: mapping.entryId,
    lagSeconds: null,
    lastSyncedAt: null,
    rowsSynced: 0,
    lastError: null,
    phase: 'starting',
    rowsThisRun: 0,
  };
}

export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'MappingError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 2000);
  return String(error).slice(0, 2000);
}
