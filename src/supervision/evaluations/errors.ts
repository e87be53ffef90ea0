import { defineErrors } from '../../platform/errors/index.js';

/** Errors of evaluations and department reports (issue 17; R111, R112). */
export const EvaluationErrors = defineErrors('supervision', {
  SUPERVISION_PERIOD_INVALID: {
    status: 400,
    zh: '考核期间无效：{period}（应为 2026、2026-H1 或 2026-H2，且已开始）',
    en: 'Invalid period: {period} (use 2026, 2026-H1 or 2026-H2, one that has begun)',
  },
  SUPERVISION_SCHEME_MISSING: {
    status: 409,
    zh: '本辖区政策配置未设定考核评价方案',
    en: 'The profile in force sets no evaluation scheme',
  },
  SUPERVISION_EVALUATION_NOT_FOUND: {
    status: 404,
    zh: '未找到考核评价：{id}',
    en: 'Evaluation not found: {id}',
  },
  SUPERVISION_EVALUATION_EXISTS: {
    status: 409,
    zh: '{jurisdiction} {period} 的考核评价已存在',
    en: 'An evaluation of {jurisdiction} for {period} already exists',
  },
  SUPERVISION_EVALUATION_FROZEN: {
    status: 409,
    zh: '考核评价已发布，内容已固定，不能修改或重新计算',
    en: 'The evaluation is published: frozen, it cannot be edited or recomputed',
  },
  SUPERVISION_EVALUATION_STATE: {
    status: 409,
    zh: '考核评价当前状态为“{state}”，不能执行此操作',
    en: 'The evaluation is {state}: this step is not possible now',
  },
  SUPERVISION_EVALUATION_LINE_NOT_FOUND: {
    status: 404,
    zh: '该考核评价不包含部门 {departmentId}',
    en: 'The evaluation has no line for department {departmentId}',
  },
  SUPERVISION_REPORT_NOT_FOUND: {
    status: 404,
    zh: '未找到部门报告：{id}',
    en: 'Department report not found: {id}',
  },
  SUPERVISION_REPORT_STATE: {
    status: 409,
    zh: '部门报告当前状态为“{state}”，不能执行此操作',
    en: 'The report is {state}: this step is not possible now',
  },
  SUPERVISION_REPORT_SCHEME_MISSING: {
    status: 409,
    zh: '本辖区政策配置未规定部门报告',
    en: 'The profile in force sets no department reports',
  },
  SUPERVISION_COMPLIANCE_DEPARTMENT: {
    status: 404,
    zh: '未找到部门：{id}',
    en: 'Department not found: {id}',
  },
  SUPERVISION_COMPLIANCE_PERIOD: {
    status: 400,
    zh: '统计期间无效：{from} 至 {to}（起始不晚于截止，截止不晚于今天 {today}，最长三年）',
    en: 'Invalid period: {from} to {to} (from no later than to, to no later than today {today}, three years at most)',
  },
  SUPERVISION_COMPLIANCE_NOT_FOUND: {
    status: 404,
    zh: '未找到共享合规报告：{id}',
    en: 'Compliance report not found: {id}',
  },
});
