import type { ViolationsMenuMessages, ViolationsMessages } from './violations.zh-CN.ts';

/** English menu entries of Violations and Circulars; every key mirrors violations.zh-CN.ts. */
export const violationsMenuEn: ViolationsMenuMessages = {
  supervisionViolations: 'Violations',
  supervisionCirculars: 'Circulars',
};

/** English messages of the violation and circular pages; every key mirrors violations.zh-CN.ts. */
export const violationsEn: ViolationsMessages = {
  title: 'Violations',
  subtitle:
    'Open cases against departments that break the sharing rules, order rectification within a time limit, follow it up and accept it, and publish circulars where needed (Regulation Art.29, 39–41). Overdue replies and supplies, stale data and overdue verification requests are opened by the platform every day.',
  open: 'Open a case',
  openTitle: 'Open a violation case',
  openHint: 'The kinds of violation and their articles come from the profile this platform runs under.',
  opened: 'Opened: {{number}}',
  filters: { status: 'State', category: 'Kind of violation', overdue: 'Overdue only' },
  fields: {
    number: 'Number',
    respondent: 'Department',
    category: 'Kind of violation',
    article: 'Article',
    facts: 'Facts',
    source: 'Source',
    status: 'State',
    due: 'Due',
    createdAt: 'Opened',
  },
  factsRequired: 'State the facts',
  categoryRequired: 'Choose the kind of violation',
  respondentRequired: 'Choose the department',
  overdue: 'Overdue',
  byHand: 'Opened by the authority',
  status: {
    open: 'Opened',
    ordered: 'Rectification ordered',
    rectified: 'Rectification reported',
    closed: 'Closed',
    dismissed: 'Dismissed',
  },
  source: {
    reply_overdue: 'Reply overdue',
    supply_overdue: 'Supply overdue',
    catalog_update_overdue: 'Catalog update overdue',
    data_stale: 'Data not updated in time',
    verification_overdue: 'Verification request overdue',
    misuse_upheld: 'Misuse (complaint upheld)',
    disposal_missing: 'Disposal record missing',
  },
  party: {
    provider: 'Provider',
    requester: 'Requester',
    authority: 'Authority',
    any: 'Any department',
  },
  empty: 'No violation cases',
  circulars: {
    title: 'Circulars',
    subtitle:
      'Circulars the authority published on violations and their rectification (Regulation Art.29). Each is frozen once published and checked against its SHA-256 digest.',
    empty: 'No circulars yet',
    number: 'Number',
    heading: 'Title',
    respondent: 'Department',
    publishedAt: 'Published',
    publishedBy: 'Published by',
    view: 'View',
    print: 'Print',
    back: 'Back to circulars',
    facts: 'Facts',
    category: 'Kind of violation',
    article: 'Article',
    order: 'Rectification order',
    due: 'Due',
    outcome: 'Outcome',
    digest: 'Digest (SHA-256)',
    intact: 'Digest matches',
    tampered: 'Digest does not match: the text was changed',
    orderCount: 'Order no. {{count}}',
  },
};
