import { defineErrors } from '../platform/errors/index.js';

/** Errors of supervision (issue 17). */
export const SupervisionErrors = defineErrors('supervision', {
  SUPERVISION_DAY_INVALID: {
    status: 400,
    zh: '不能计算尚未开始的日期（{day}）的指标',
    en: 'Indicators cannot be computed for a day that has not begun ({day})',
  },
  SUPERVISION_RANGE_INVALID: {
    status: 400,
    zh: '查询区间无效：起始日期须不晚于截止日期，且跨度不超过 {maxDays} 天',
    en: 'Invalid range: from must not be after to, and the span must not exceed {maxDays} days',
  },
});
