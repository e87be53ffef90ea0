import type { RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { OpenedRead } from '../access.js';
import type { ReadableResource, RecordValues } from '../model.js';

/** 文书类 / 证照类: the information whose key query fixes a snapshot (Guangzhou Art.23 ¶2, R107). */
export type SnapshotKind = 'document' | 'licence';

/** What a key query returned, handed to the recorder in the transaction of its access entry. */
export interface SnapshotTaking {
  /** The snapshot's id, chosen before the commit so that the access entry names it. */
  id: string;
  ctx: RequestContext;
  kind: SnapshotKind;
  read: Pick<OpenedRead, 'resource' | 'grant' | 'statement' | 'columns' | 'masked'>;
  /** The records as the reader received them (masked where it was), each with its canonical key. */
  records: { key: string; values: RecordValues }[];
}

/**
 * Data snapshots (数据快照 / 电子凭证, Guangzhou Art.23 ¶2, R107): when the profile switches them
 * on, the key query of a document- or licence-type resource fixes what it returned, signed by the
 * platform, in the transaction of its access entry. The seal module answers it; the composition
 * root binds it, so the exchange does not import seal. Unbound, no query takes a snapshot.
 */
export interface SnapshotRecorder {
  /**
   * Whether reads of this resource (at its catalog version) fix a snapshot, and as which kind. A
   * version's answer never changes, so the recorder keeps it: only a version's first read asks the
   * catalog, and the answer comes synchronously after that (the hot path pays nothing).
   */
  kindOf(resource: ReadableResource): SnapshotKind | null | Promise<SnapshotKind | null>;
  /** Signs and stores the snapshot through `executor` (the access entry's transaction). */
  record(executor: Executor, taking: SnapshotTaking): Promise<void>;
}
