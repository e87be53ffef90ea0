import { defineErrors } from '../../platform/errors/index.js';

/** Hosting's refusals: which entries can be hosted, and what a batch or an upload may hold. */
export const HostingErrors = defineErrors('exchange', {
  EXCHANGE_ALREADY_HOSTED: {
    status: 409,
    zh: '信息资源 {code} 已在平台集中存放',
    en: 'Resource {code} is already hosted on the platform',
  },
  EXCHANGE_ENTRY_NOT_PUBLISHED: {
    status: 409,
    zh: '信息资源 {code} 尚未发布，不能集中存放数据',
    en: 'Resource {code} is not published; its data cannot be hosted',
  },
  EXCHANGE_ENTRY_NOT_SHARED: {
    status: 409,
    zh: '信息资源 {code} 为不予共享类，不在平台集中存放',
    en: 'Resource {code} is not shared; the platform does not host its data',
  },
  EXCHANGE_NO_KEY_ITEM: {
    status: 422,
    zh: '信息资源 {code} 没有可共享的关键信息项（如公民身份号码），无法按记录存放',
    en: 'Resource {code} has no shared key item (such as the resident ID number) to key its records',
  },
  EXCHANGE_KEY_CHANGED: {
    status: 409,
    zh: '信息资源 {code} 新版本改变了关键信息项（{keys}），托管数据须重新建立',
    en: 'The new version of resource {code} changes its key items ({keys}); the hosted data must be rebuilt',
  },
  EXCHANGE_SEAL_REQUIRED: {
    status: 409,
    zh: '信息资源 {code} 为{type}信息，须加盖提供部门的电子印章；本部门尚无在用的电子印章，未写入任何数据。请先由平台管理员签发本部门电子印章',
    en: 'Resource {code} is {typeEn}-type information and must carry the provider department’s electronic seal; the department has no seal in force, so nothing was written. Ask the platform operator to issue the department’s seal first',
  },
  EXCHANGE_BATCH_REJECTED: {
    status: 422,
    zh: '本批 {count} 条记录有误，未写入任何数据（全部成功或全部不写入）',
    en: '{count} records of the batch are invalid; nothing was written (all or nothing)',
  },
  EXCHANGE_LOAD_NOT_FOUND: {
    status: 404,
    zh: '数据上传记录 {id} 不存在',
    en: 'Upload {id} does not exist',
  },
  EXCHANGE_LOAD_NO_REJECTS: {
    status: 404,
    zh: '数据上传 {id} 没有被拒绝的记录文件',
    en: 'Upload {id} has no file of rejected records',
  },
  EXCHANGE_LOAD_INTERRUPTED: {
    status: 409,
    zh: '数据上传 {id} 因进程中断而未完成，未写入任何记录（全部或全不模式），请重新上传同一文件',
    en: 'Upload {id} was interrupted when its process stopped; nothing of it was written (all or nothing). Upload the same file again',
  },
  EXCHANGE_UPLOAD_TOO_LARGE: {
    status: 413,
    zh: '上传文件超过 {limit} 字节上限',
    en: 'The upload exceeds the {limit}-byte limit',
  },
  EXCHANGE_UPLOAD_UNREADABLE: {
    status: 400,
    zh: '无法读取上传的 {format} 文件：{reason}',
    en: 'The uploaded {format} file cannot be read: {reason}',
  },
  EXCHANGE_UPLOAD_ENCODING: {
    status: 415,
    zh: '上传文件的字符编码无法接受：{reason}',
    en: 'The character encoding of the upload cannot be accepted: {reason}',
  },
  EXCHANGE_UPLOAD_TOO_MANY_REJECTS: {
    status: 422,
    zh: '被拒绝的行超过 {rows} 行（或拒绝文件超过 {bytes} 字节），上传已停止，未写入任何数据；拒绝文件保留已发现的问题',
    en: 'More than {rows} rows were rejected (or the reject file passed {bytes} bytes); the upload stopped and nothing was written; the reject file keeps the problems found',
  },
  EXCHANGE_UPLOAD_HEADER: {
    status: 422,
    zh: '上传文件的表头有误：{reason}',
    en: 'The header row of the upload is wrong: {reason}',
  },
});

/** Why one record of a batch or one row of an upload was refused. */
export const REJECT_PROBLEMS = {
  type: { zh: '数据类型不符', en: 'wrong data type' },
  length: { zh: '超过长度', en: 'too long' },
  identifier: { zh: '标识码校验位错误', en: 'invalid identifier' },
  required: { zh: '关键信息项为空', en: 'key item missing' },
  date: { zh: '日期或时间无效', en: 'invalid date or time' },
  range: { zh: '超出取值范围', en: 'out of range' },
  text: {
    zh: '含空字符（U+0000）或不完整的 Unicode 字符',
    en: 'contains NUL (U+0000) or ill-formed Unicode',
  },
  unknown_item: { zh: '不是该资源的信息项', en: 'not an item of the resource' },
  exists: { zh: '记录已存在且内容不同（新增）', en: 'record exists with other values (insert)' },
  duplicate: { zh: '与文件中前面一行的主键相同', en: 'same key as an earlier row of the file' },
  malformed: { zh: '格式错误', en: 'malformed record' },
} as const;
export type RejectProblem = keyof typeof REJECT_PROBLEMS;

/** One refused record: its position (batch index, or file row number), the item and why. */
export interface Rejection {
  index: number;
  item?: string | undefined;
  problem: RejectProblem;
  detail: string;
}
