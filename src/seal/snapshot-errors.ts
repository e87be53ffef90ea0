import { defineErrors } from '../platform/errors/index.js';

/** Errors of data snapshots (数据快照 / 电子凭证, R107). */
export const SnapshotErrors = defineErrors('seal', {
  SNAPSHOT_NOT_FOUND: {
    status: 404,
    zh: '数据快照 {id} 不存在',
    en: 'Data snapshot {id} not found',
  },
});
