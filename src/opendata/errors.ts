import { defineErrors } from '../platform/errors/index.js';

/** Errors of the open data portal (issue 19; R109, R110). */
export const OpendataErrors = defineErrors('opendata', {
  OPENDATA_DATASET_NOT_FOUND: {
    status: 404,
    zh: '开放目录中没有该信息资源：{code}',
    en: 'No such resource in the open catalog: {code}',
  },
  OPENDATA_QUERY_INVALID: {
    status: 400,
    zh: '查询参数含有无效字符（孤立代理项或控制字符）：{field}',
    en: 'The query holds invalid characters (lone surrogates or control characters): {field}',
  },
  OPENDATA_NOT_DOWNLOADABLE: {
    status: 404,
    zh: '该开放信息资源的数据未托管在平台上，无法下载：{code}',
    en: 'The data of this open resource is not hosted on the platform and cannot be downloaded: {code}',
  },
});
