import { defineErrors, type ErrorDefinition } from '../platform/errors/index.js';

/**
 * The two errors every case type declares (its declaration's `errors`): the case is not found, or
 * not the reader's to see; and the step is not open from the case's state. `en` names the case
 * after "The …"; `enNotFound`, where the not-found message names it more fully.
 *
 * @example
 * defineErrors('sharing', { ...caseErrors('STOP', { zh: '停止提供事项', en: 'stop' }), … })
 */
export function caseErrors<const Prefix extends string>(
  prefix: Prefix,
  name: { zh: string; en: string; enNotFound?: string },
): Record<`${Prefix}_NOT_FOUND` | `${Prefix}_INVALID_STATE`, ErrorDefinition> {
  const notFound = name.enNotFound ?? name.en.charAt(0).toUpperCase() + name.en.slice(1);
  return {
    [`${prefix}_NOT_FOUND`]: { status: 404, zh: `${name.zh}不存在：{id}`, en: `${notFound} not found: {id}` },
    [`${prefix}_INVALID_STATE`]: {
      status: 409,
      zh: `${name.zh}当前状态为“{status}”，不能{action}`,
      en: `The ${name.en} is {statusEn}; it cannot be {actionEn}`,
    },
  } as Record<`${Prefix}_NOT_FOUND` | `${Prefix}_INVALID_STATE`, ErrorDefinition>;
}

/**
 * The sharing workflow's error codes. The `GRANT_*` codes are what the exchange answers a
 * department system whose access is refused, so they are stable and documented for 系统对接.
 */
export const SharingErrors = defineErrors('sharing', {
  SHARING_APPLICATION_NOT_FOUND: {
    status: 404,
    zh: '共享申请不存在：{id}',
    en: 'Sharing application not found: {id}',
  },
  SHARING_ENTRY_NOT_PUBLISHED: {
    status: 409,
    zh: '信息资源 {code} 未发布，不能申请共享',
    en: 'Resource {code} is not published and cannot be applied for',
  },
  SHARING_OWN_RESOURCE: {
    status: 422,
    zh: '本部门的信息资源无需申请共享',
    en: "A department does not apply for its own department's resource",
  },
  SHARING_ITEM_UNKNOWN: {
    status: 422,
    zh: '信息项“{item}”不在该资源已发布的信息项中',
    en: 'Information item "{item}" is not among the published items of the resource',
  },
  SHARING_ITEM_NOT_SHARED: {
    status: 422,
    zh: '信息项“{item}”属于不予共享类，不能申请；确需使用的，请{next}（{article}）',
    en: 'Information item "{item}" is not shared and cannot be applied for; if your duties need it, {nextEn} ({article})',
  },
  SHARING_NOT_SHARED: {
    status: 409,
    zh: '该信息资源属于不予共享类，不能申请；因履行职责确需使用的，请{next}（{article}）',
    en: 'The resource is not shared and cannot be applied for; if your duties need it, {nextEn} ({article})',
  },
  SHARING_PURPOSE_TEXT_REQUIRED: {
    status: 422,
    zh: '使用用途为“其他”时须说明具体用途',
    en: 'A purpose of "other" needs its description',
  },
  SHARING_METHOD_NOT_OFFERED: {
    status: 422,
    zh: '该资源的共享方式（{offered}）不支持“{method}”',
    en: 'The resource is shared as {offered}, which cannot carry "{method}"',
  },
  SHARING_SCOPE_ITEM_UNKNOWN: {
    status: 422,
    zh: '共享范围的筛选条件引用了未申请的信息项“{item}”',
    en: 'The scope filter names "{item}", which is not among the items applied for',
  },
  SHARING_VALIDITY_INVALID: {
    status: 422,
    zh: '有效期无效：{reason}',
    en: 'Invalid validity period: {reason}',
  },
  SHARING_INVALID_STATE: {
    status: 409,
    zh: '申请当前状态为“{status}”，不能{action}',
    en: 'The application is {statusEn}; it cannot be {actionEn}',
  },
  SHARING_SELF_DECISION: {
    status: 403,
    zh: '不能审批本部门提出的共享申请',
    en: "A department cannot decide its own department's application",
  },
  SHARING_REFUSAL_REASON_REQUIRED: {
    status: 422,
    zh: '不予共享须说明理由',
    en: 'A refusal must give its reason',
  },
  SHARING_APPROVED_ITEMS_INVALID: {
    status: 422,
    zh: '同意的信息项须为申请的信息项之一：{item}',
    en: 'Approved items must be among the items applied for: {item}',
  },
  SHARING_CLEAR_ITEMS_INVALID: {
    status: 422,
    zh: '明文提供的信息项须为同意的个人信息项：{item}',
    en: 'Items given in clear must be approved personal items: {item}',
  },
  SHARING_REASON_REQUIRED: {
    status: 422,
    zh: '须说明理由',
    en: 'A reason is required',
  },
  SHARING_HEAD_NOT_RECORDED: {
    status: 400,
    zh: '{department}尚未登记政务数据共享工作机构负责人，共享申请及其答复须经负责人同意（条例第二十条）；请先在“部门管理 → 共享工作机构”中登记负责人（条例第十一条）',
    en: "{department} has recorded no head of its sharing office; an application and its answer need the head's consent (Art.20): record the head under Departments → Sharing office first (Art.11)",
  },
  SHARING_NOT_HEAD: {
    status: 403,
    zh: '只有本部门负责人（{head}）可以审核同意；负责人无平台账号时由共享工作专人登记其书面意见',
    en: 'Only the department head ({head}) may give this consent; where the head has no account the sharing officer records the written consent',
  },
  SHARING_APPROVAL_REFERENCE_REQUIRED: {
    status: 422,
    zh: '代负责人登记审核意见须填写书面意见的文号或编号：{field}',
    en: "Recording the head's consent on the head's behalf needs the reference of the written consent: {field}",
  },
  SHARING_SCENARIO_REQUIRED: {
    status: 422,
    zh: '共享申请须写明使用场景（条例第二十条第二款）',
    en: 'An application states its use scenario (Art.20 ¶2)',
  },
  GRANT_NOT_FOUND: { status: 404, zh: '共享授权不存在：{id}', en: 'Grant not found: {id}' },
  GRANT_INVALID_STATE: {
    status: 409,
    zh: '授权当前状态为“{status}”，不能{action}',
    en: 'The grant is {status}; it cannot be {actionEn}',
  },
  GRANT_MISSING: {
    status: 403,
    zh: '本部门没有使用该信息资源的授权',
    en: 'The department holds no grant for this resource',
  },
  GRANT_EXPIRED: {
    status: 403,
    zh: '共享授权已于 {validUntil} 到期',
    en: 'The grant expired on {validUntil}',
  },
  GRANT_NOT_YET_VALID: {
    status: 403,
    zh: '共享授权自 {validFrom} 起生效',
    en: 'The grant takes effect on {validFrom}',
  },
  GRANT_SUSPENDED: {
    status: 403,
    zh: '共享授权已暂停：{reason}',
    en: 'The grant is suspended: {reason}',
  },
  GRANT_REVOKED: {
    status: 403,
    zh: '共享授权已撤销：{reason}',
    en: 'The grant was revoked: {reason}',
  },
  GRANT_PURPOSE_MISMATCH: {
    status: 403,
    zh: '使用用途与授权不符（授权用途：{granted}）',
    en: 'The purpose does not match the grant (granted for: {granted})',
  },
  GRANT_METHOD_NOT_ALLOWED: {
    status: 403,
    zh: '授权不包括共享方式“{method}”',
    en: 'The grant does not allow the method "{method}"',
  },
  GRANT_ITEM_NOT_GRANTED: {
    status: 403,
    zh: '授权不包括信息项：{items}',
    en: 'The grant does not cover the items: {items}',
  },
  NOTICE_NOT_FOUND: { status: 404, zh: '通知不存在：{id}', en: 'Notice not found: {id}' },
});

/** Every refusal `GrantService.check` can give: what a department system must be ready to read. */
export const GRANT_REFUSALS = [
  'GRANT_MISSING',
  'GRANT_EXPIRED',
  'GRANT_NOT_YET_VALID',
  'GRANT_SUSPENDED',
  'GRANT_REVOKED',
  'GRANT_PURPOSE_MISMATCH',
  'GRANT_METHOD_NOT_ALLOWED',
  'GRANT_ITEM_NOT_GRANTED',
] as const;

/** A text a step cannot do without (a reason, a note, the facts), trimmed; SHARING_REASON_REQUIRED naming `field` where empty. */
export function requiredText(text: string | undefined, field: string): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') throw SharingErrors.error('SHARING_REASON_REQUIRED', { field });
  return trimmed;
}
