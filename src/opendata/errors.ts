import { defineErrors } from '../platform/errors/index.js';

/** Errors of the open data portal (issue 19; R109, R110). */
export const OpendataErrors = defineErrors('opendata', {
  OPENDATA_DATASET_NOT_FOUND: {
    status: 404,
    zh: '开放目录中没有该信息资源：{code}',
    en: 'No such resource in the open catalog: {code}',
  },
});
