import type { SnapshotsMenuMessages, SnapshotsMessages } from './snapshots.zh-CN.ts';

/** English messages of the data snapshot pages; every key mirrors snapshots.zh-CN.ts. */
export const snapshotsMenuEn: SnapshotsMenuMessages = {
  snapshots: 'Data snapshots',
};

export const snapshotsEn: SnapshotsMessages = {
  title: 'Data snapshots',
  subtitle:
    'When document- or licence-type information is queried as the basis of a matter or as an enforcement reference, the platform fixes a data snapshot (electronic voucher) of what the query returned at that moment, signed by the platform (Guangzhou Art.23 ¶2).',
  caseNumber: 'Matter or case number',
  casePlaceholder: 'Enter a number, e.g. GZ-ZF-2026-0001',
  search: 'Find',
  takenAt: 'Taken at',
  resource: 'Resource',
  kind: 'Type',
  document: 'Document',
  licence: 'Licence',
  requester: 'Requester',
  department: 'Department',
  purpose: 'Purpose',
  records: 'Records',
  open: 'Voucher',
  madeNote:
    'This query read document- or licence-type information: the platform fixed a data snapshot (electronic voucher) of it.',
  empty: 'No data snapshots',
  voucherTitle: 'Data snapshot electronic voucher',
  voucherSubtitle: 'Government information sharing platform · data snapshot (electronic voucher)',
  print: 'Print',
  back: 'Back to the list',
  snapshotId: 'Snapshot id',
  grantId: 'Grant',
  items: 'Items',
  masked: 'Masked items',
  recordKey: 'Record key',
  digest: 'Content digest',
  signature: 'Platform signature',
  algorithm: 'Signature algorithm',
  keyId: 'Platform key id',
  verification: 'Signature check',
  valid: 'Signature valid',
  invalid: 'Signature not valid',
  qrHint: 'Scan to verify this voucher',
  verifyTitle: 'Verify a data snapshot',
  verifySubtitle:
    'Checks that a data snapshot (electronic voucher) of the platform is genuine and unchanged; no sign-in needed.',
  verifyId: 'Snapshot id',
  verifyDigest: 'Content digest',
  verifyButton: 'Verify',
  notFound: 'No such data snapshot, or not yours to see',
};
