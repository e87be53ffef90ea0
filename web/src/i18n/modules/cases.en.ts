import type { CasesMessages } from './cases.zh-CN.ts';

/** English messages of the case kernel's page; every key mirrors cases.zh-CN.ts. */
export const casesEn: CasesMessages = {
  back: 'Back',
  summary: 'The case',
  timeline: 'Timeline',
  status: 'Status',
  number: 'Number',
  deadline: 'Deadline',
  final: 'Closed',
  stepDone: 'Done',
  required: 'Please fill in {{field}}',
  unknownType: 'Unknown case type: {{type}}',
};
