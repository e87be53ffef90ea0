import { defineErrors } from '../../platform/errors/index.js';

/** Errors of key queries and downloads; refusals of the grant itself are sharing's `GRANT_*`. */
export const GatewayErrors = defineErrors('exchange', {
  EXCHANGE_QUERY_KEYS_REQUIRED: {
    status: 400,
    zh: '联机查询须给出记录键值（keys）或按键项筛选（filter）；批量获取请使用批量下载',
    en: 'A key query needs keys or a filter on key items; use the batch download for everything',
  },
  EXCHANGE_KEY_INVALID: {
    status: 422,
    zh: '键值无效（{item}）：{problem}',
    en: 'Invalid key value ({item}): {problem}',
  },
  EXCHANGE_FILTER_NOT_KEY: {
    status: 422,
    zh: '只能按键信息项筛选，“{item}”不是该资源的键信息项（可用：{keys}）',
    en: 'Only key items can filter; "{item}" is not a key item of the resource (key items: {keys})',
  },
  EXCHANGE_CURSOR_INVALID: {
    status: 400,
    zh: '分页游标无效或与本次查询不符，请从第一页重新查询',
    en: 'The cursor is invalid or belongs to another query; start again from the first page',
  },
  EXCHANGE_SNAPSHOT_CASE_REQUIRED: {
    status: 422,
    zh: '“{name}”为{kind}信息，查询时须在请求头 x-govshare-case-number 中给出办理事项或执法案件编号，平台据此同步生成数据快照（电子凭证）',
    en: '"{name}" is {kindEn} information: state the matter or case number in the x-govshare-case-number header; the platform fixes a data snapshot (electronic voucher) of the query under it',
  },
  EXCHANGE_DOWNLOAD_NOT_FOUND: {
    status: 404,
    zh: '下载记录 {id} 不存在',
    en: 'Download {id} not found',
  },
});
