import { defineErrors } from '../errors/index.js';

export const JobErrors = defineErrors('jobs', {
  JOB_UNKNOWN: {
    status: 404,
    zh: '没有名为 {name} 的后台任务',
    en: 'No background job named {name}',
  },
});
