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
  rules: 'Policy profile',
  rulesOther: 'the profile it was opened under, not the one in force today',
  escalation: {
    head: 'Reported to the head, {{name}}',
    officer: 'The head has no account; passed to the sharing officer {{name}}',
    unreachable: 'The head {{head}} has no account and there is no sharing officer: not delivered',
    due: 'Due: {{date}}',
  },
  rulesUnrecorded: 'opened before rules were recorded: today’s profile applies',
};
