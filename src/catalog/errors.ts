import { defineErrors } from '../platform/errors/index.js';

/**
 * The catalog's error codes: one per rule of the national catalog guide and the regulations, so
 * that an editor, an import report and a department system all name the same rule. Rules that
 * validation reports carry `field` (a path into the entry content such as `items[2].dataType`).
 */
export const CatalogErrors = defineErrors('catalog', {
  CATALOG_NOT_FOUND: { status: 404, zh: '目录条目不存在：{id}', en: 'Catalog entry not found: {id}' },
  CATALOG_VERSION_NOT_FOUND: {
    status: 404,
    zh: '目录条目 {id} 没有第 {version} 版',
    en: 'Catalog entry {id} has no version {version}',
  },
  CATALOG_VALIDATION_FAILED: {
    status: 422,
    zh: '目录条目有 {count} 处不符合编制要求，首个问题：{first}',
    en: 'The catalog entry breaks {count} cataloguing rule(s); first: {first}',
  },
  CATALOG_FIELD_REQUIRED: { status: 422, zh: '必填项未填写：{field}', en: 'Required field missing: {field}' },
  CATALOG_FIELD_INVALID: {
    status: 422,
    zh: '字段取值无效：{field}（{reason}）',
    en: 'Invalid value for {field} ({reason})',
  },
  CATALOG_BASE_ITEM_NOT_UNCONDITIONAL: {
    status: 422,
    zh: '基础信息资源的基础信息项须无条件共享（R23）：{field}',
    en: 'Base information items of a base resource must be shared unconditionally (R23): {field}',
  },
  CATALOG_LEGAL_BASIS_REQUIRED: {
    status: 422,
    zh: '{shareType}须列明法律、法规或政策依据（{article}）',
    en: 'A {shareType} entry needs its legal or policy basis ({article})',
  },
  CATALOG_LEGAL_BASIS_KIND_NOT_ALLOWED: {
    status: 422,
    zh: '依据类型“{kind}”不被本辖区认可，允许：{allowed}（{article}）',
    en: 'Basis kind "{kind}" is not accepted here; allowed: {allowed} ({article})',
  },
  CATALOG_SHARE_CONDITIONS_REQUIRED: {
    status: 422,
    zh: '有条件共享须填写共享条件：{field}',
    en: 'Conditional sharing needs its share conditions: {field}',
  },
  CATALOG_CLASSIFIED_ON_EXTERNAL: {
    status: 422,
    zh: '本实例部署在电子政务外网，不受理涉密信息资源（R97）',
    en: 'This instance runs on the external e-government network and refuses classified resources (R97)',
  },
  CATALOG_CLASSIFIED_FORBIDDEN: {
    status: 422,
    zh: '本辖区规定共享平台不得处理涉密信息（{article}）',
    en: 'This jurisdiction forbids classified information on the sharing platform ({article})',
  },
  CATALOG_OPEN_BASIS_REQUIRED: {
    status: 422,
    zh: '向社会开放须注明开放依据（提供部门同意或属于政府信息公开范围）：{field}',
    en: "An open resource needs its basis (the provider's consent or the disclosure scope): {field}",
  },
  CATALOG_CLASSIFIED_OPEN: {
    status: 422,
    zh: '涉密信息资源不得向社会开放：{field}',
    en: 'A classified resource cannot be open to the public: {field}',
  },
  CATALOG_ITEM_SHARE_LOOSER: {
    status: 422,
    zh: '信息项的共享类型只能比资源更严格：{field}',
    en: "An item's share type may only be stricter than the resource's: {field}",
  },
  CATALOG_KEY_KIND_REQUIRED: {
    status: 422,
    zh: '关键信息项须注明标识类型（身份证号、统一社会信用代码等）：{field}',
    en: 'A key item needs its identifier kind (resident ID, unified social credit code…): {field}',
  },
  CATALOG_DUPLICATE_ITEM_NAME: {
    status: 422,
    zh: '信息项名称重复：{name}',
    en: 'Duplicate information item name: {name}',
  },
  CATALOG_AREA_REQUIRED: {
    status: 422,
    zh: '基础、主题信息资源须选择所属领域（项）：{field}',
    en: 'Base and thematic resources need their area (项): {field}',
  },
  CATALOG_AREA_NOT_IN_PROFILE: {
    status: 422,
    zh: '“{area}”不属于本辖区的{catalog}信息资源领域（{article}）',
    en: '"{area}" is not a {catalog} area of this jurisdiction ({article})',
  },
  CATALOG_RELATED_CODE_UNKNOWN: {
    status: 422,
    zh: '关联资源代码不存在：{code}',
    en: 'Related resource code not found: {code}',
  },
  CATALOG_INVALID_STATE: {
    status: 409,
    zh: '目录条目当前状态为“{status}”，不能{action}',
    en: 'The catalog entry is {status}; cannot {action}',
  },
  CATALOG_REDUCTION_REASON_REQUIRED: {
    status: 422,
    zh: '此次变更减少了共享内容（{reductions}），须说明理由并经主管部门同意',
    en: 'This change reduces what is shared ({reductions}); state a reason for the authority to approve',
  },
  CATALOG_COMMENT_REQUIRED: {
    status: 422,
    zh: '退回或驳回须填写意见：{field}',
    en: 'Returning or rejecting needs a comment: {field}',
  },
  CATALOG_SELF_REVIEW: {
    status: 403,
    zh: '不能核定自己提交的目录条目（职责分离）',
    en: 'You cannot ratify an entry you submitted yourself (separation of duties)',
  },
  CATALOG_PROVIDER_INVALID: {
    status: 422,
    zh: '提供部门无效：{reason}',
    en: 'Invalid provider department: {reason}',
  },
  CATALOG_CODE_EXHAUSTED: {
    status: 409,
    zh: '分类代码 {classCode} 的顺序码已用尽',
    en: 'No sequence codes left under classification code {classCode}',
  },
  CATALOG_OBLIGATION_NOT_FOUND: {
    status: 404,
    zh: '目录更新任务不存在：{id}',
    en: 'Catalog update obligation not found: {id}',
  },
  CATALOG_OBLIGATION_PERIOD_UNDEFINED: {
    status: 409,
    zh: '辖区配置“{profile}”未规定法律或职能变化后更新目录的期限（{text}），无法计算截止日期',
    en: 'Profile "{profile}" sets no period for updating the catalog after a law or duty change ({text}); no due date can be computed',
  },
  CATALOG_OBLIGATION_FULFILLED: {
    status: 409,
    zh: '该目录更新任务已于 {at} 完成',
    en: 'This update obligation was fulfilled at {at}',
  },
  CATALOG_GRADING_REQUIRED: {
    status: 422,
    zh: '目录条目须标明数据分类分级（核心数据、重要数据或一般数据）后方可提交（条例{article}）：{field}',
    en: 'The entry needs its data classification and grading (core, important or general data) before submission ({article}): {field}',
  },
  CATALOG_DOCUMENTATION_REQUIRED: {
    status: 422,
    zh: '目录条目须载明{label}后方可提交（{article}）：{field}',
    en: 'The entry needs its {label} before submission ({article}): {field}',
  },
  CATALOG_GRADING_LEVEL_REQUIRED: {
    status: 422,
    zh: '一般数据须选择级别：{field}',
    en: 'General data needs its level: {field}',
  },
  CATALOG_GRADING_LEVEL_INVALID: {
    status: 422,
    zh: '数据级别“{level}”无效（仅一般数据分级，可选：{allowed}）',
    en: 'Invalid data level "{level}" (only general data is graded; allowed: {allowed})',
  },
  CATALOG_PREPARATION_MISSING: {
    status: 422,
    zh: '提交前须完成：{missing}（条例第十三条）',
    en: 'Before submission the entry needs: {missingEn} (Art.13)',
  },
  CATALOG_HEAD_NOT_RECORDED: {
    status: 409,
    zh: '本部门尚未登记政务数据共享工作机构负责人，无法审核同意（条例第十一条）',
    en: 'The department has recorded no head of its sharing office; nobody can approve (Art.11)',
  },
  CATALOG_NOT_HEAD: {
    status: 403,
    zh: '只有本部门负责人（{head}）可以审核同意；负责人无平台账号时由共享工作专人登记其书面意见',
    en: 'Only the department head ({head}) may approve; where the head has no account the sharing officer records the written approval',
  },
  CATALOG_APPROVAL_REFERENCE_REQUIRED: {
    status: 422,
    zh: '代负责人登记审核意见须填写书面意见的文号或编号：{field}',
    en: "Recording the head's approval on the head's behalf needs the reference of the written approval: {field}",
  },
  CATALOG_ASSESSMENT_NOT_NEEDED: {
    status: 409,
    zh: '本条目没有个人信息项，无需个人信息保护影响评估',
    en: 'The entry has no personal items; no personal-information impact assessment is needed',
  },
  CATALOG_EXTENSION_ALREADY_REQUESTED: {
    status: 409,
    zh: '该目录更新任务已申请过延期（只能申请一次，条例第十七条）',
    en: 'An extension was already requested for this update obligation (once only, Art.17)',
  },
  CATALOG_EXTENSION_NOT_PENDING: {
    status: 409,
    zh: '该目录更新任务没有待审核的延期申请',
    en: 'This update obligation has no extension request awaiting a decision',
  },
  CATALOG_EXTENSION_UNDEFINED: {
    status: 409,
    zh: '辖区配置未规定目录更新的延长期限，不能申请延期',
    en: 'The profile sets no extension of the catalog update period; no extension can be requested',
  },
  CATALOG_EDITION_NOT_FOUND: {
    status: 404,
    zh: '共享目录第 {edition} 版不存在',
    en: 'Shared catalog edition {edition} not found',
  },
});

export type CatalogErrorCode = keyof typeof CatalogErrors.definitions;
