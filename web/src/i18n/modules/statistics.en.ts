import type { StatisticsMenuMessages, StatisticsMessages } from './statistics.zh-CN.ts';

/** English menu entries of Statistics; every key mirrors statistics.zh-CN.ts. */
export const statisticsMenuEn: StatisticsMenuMessages = {
  supervisionGroup: 'Supervision',
  supervisionStatistics: 'Statistics',
};

/** English messages of the Statistics page; every key mirrors statistics.zh-CN.ts. */
export const statisticsEn: StatisticsMessages = {
  title: 'Statistics',
  subtitle:
    'The supervision indicators over a chosen period, per jurisdiction or department, and the departments ranked (computed daily; Data Sharing Regulation, Art. 29).',
  range: 'Period',
  jurisdiction: 'Jurisdiction',
  jurisdictionAll: 'Mine and below',
  department: 'Department',
  departmentPick: 'All departments (summed per jurisdiction)',
  indicators: 'Indicators',
  rankingIndicator: 'Rank by',
  trend: 'Trend: {{subject}}',
  trendEmpty: 'No indicator figures in the period',
  ranking: 'Departments ranked: {{indicator}}',
  rankingEmpty: 'No department to rank in the period',
  export: 'Export to Excel',
  exported: 'Exported',
  notMeasured: 'Not measured',
  column: {
    day: 'Day',
    department: 'Department',
    rank: 'Rank',
    value: 'Value',
    numerator: 'Numerator',
    denominator: 'Denominator',
    indicator: 'Indicator',
    subject: 'Subject',
  },
  sheet: { trend: 'Trend', ranking: 'Ranking' },
  reports: {
    accessesOverTime: 'Accesses over time',
    provided: 'Reads of our resources',
    consumed: "Our reads of others' resources",
    accesses: 'Accesses',
    empty: 'No accesses in the period',
  },
  tooLong: 'The period may not exceed 366 days',
};
