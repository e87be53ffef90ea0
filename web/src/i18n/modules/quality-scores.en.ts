import type { QualityScoresMessages } from './quality-scores.zh-CN.ts';

/** English messages of the quality scores page; every key mirrors quality-scores.zh-CN.ts. */
export const qualityScoresEn: QualityScoresMessages = {
  title: 'Quality scores',
  subtitle:
    'Computed continuously from each hosted resource’s change log: completeness (share of filled values), validity (share passing rules such as ID check characters and date ranges) and agreement with the source of record; the score is the mean of the dimensions measured, unmeasured ones left out.',
  departments: 'Scores by department',
  departmentsHint: 'Weighted by records, lowest first',
  resources: 'Scores by resource',
  resource: 'Resource',
  provider: 'Provider',
  rows: 'Records',
  score: 'Score',
  completeness: 'Completeness',
  validity: 'Validity',
  agreement: 'Agreement',
  uniqueness: 'Key uniqueness',
  uniquenessEnforced:
    'One record per key: key values are checked before they are stored, full-width characters read as half-width and surrounding spaces dropped, letter case kept; a file row with the same key as an earlier row is refused and listed in the reject file',
  notMeasured: 'Not measured',
  agreementPending: 'Not yet compared with the source of record',
  checkedAt: 'Last computed',
  scannedAt: 'Last full check',
  items: 'Per item',
  item: 'Item',
  empty: 'Empty',
  invalid: 'Invalid',
  rule: 'Validity rule',
  noRule: 'Completeness only',
  history: 'Score trend',
  rescan: 'Check every record again',
  rescanned: 'Checked again',
  empty_list: 'No scores yet: once a hosted resource has data, the scores job computes them within minutes',
  detail: 'Score detail',
  resourceLabel: 'Quality score',
};
