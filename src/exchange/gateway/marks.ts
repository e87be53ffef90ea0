import { NO_VERIFICATION, type RecordVerification } from '../model.js';

/** Whether a record (by its canonical key) is under verification, for one answer. */
export type MarkOf = (key: string) => boolean;

/**
 * The marks of one answer (R83): the resource as a whole first (then every record is marked and
 * no keys are asked), else the answer's keys in one batch. Called once per answer, page or chunk,
 * never per row: these questions run on every read.
 *
 * @example const marked = await verificationMarks(deps.verification, entryId, keys); marked(key)
 */
export async function verificationMarks(
  verification: RecordVerification | undefined,
  entryId: string,
  keys: readonly string[],
): Promise<MarkOf> {
  const port = verification ?? NO_VERIFICATION;
  if (await port.resourceUnderVerification(entryId)) return () => true;
  if (keys.length === 0) return () => false;
  const marked = await port.underVerification(entryId, [...new Set(keys)]);
  return marked.size === 0 ? () => false : (key) => marked.has(key);
}
