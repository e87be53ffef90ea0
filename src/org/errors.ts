import { defineErrors } from '../platform/errors/index.js';

export const OrgErrors = defineErrors('org', {
  ORG_JURISDICTION_NOT_FOUND: { status: 404, zh: '行政区划不存在：{id}', en: 'Jurisdiction not found: {id}' },
  ORG_JURISDICTION_CODE_INVALID: {
    status: 400,
    zh: '行政区划代码须为 6 位数字，且与上级、层级相符：{reason}',
    en: 'Administrative division code must be 6 digits consistent with parent and level: {reason}',
  },
  ORG_JURISDICTION_LEVEL_INVALID: {
    status: 400,
    zh: '层级不符：{level} 不能位于 {parentLevel} 之下',
    en: 'Level mismatch: a {level} cannot sit under a {parentLevel}',
  },
  ORG_JURISDICTION_EXISTS: {
    status: 409,
    zh: '行政区划代码已存在：{code}',
    en: 'Jurisdiction code already exists: {code}',
  },
  ORG_DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在：{id}', en: 'Department not found: {id}' },
  ORG_DEPARTMENT_EXISTS: {
    status: 409,
    zh: '部门名称或统一社会信用代码已存在：{value}',
    en: 'Department name or unified social credit code already exists: {value}',
  },
  ORG_OFFICE_MEMBER_INVALID: {
    status: 400,
    zh: '{field} 须为本部门的在用账号：{id}',
    en: '{field} must be an active account of this department: {id}',
  },
  ORG_OFFICE_NOT_RECORDED: {
    status: 409,
    zh: '该部门尚未登记政务数据共享工作机构',
    en: 'The department has not recorded its data sharing office yet',
  },
  ORG_USCC_INVALID: {
    status: 400,
    zh: '统一社会信用代码无效（{reason}）',
    en: 'Invalid unified social credit code ({reason})',
  },
  ORG_USER_NOT_FOUND: { status: 404, zh: '用户不存在：{id}', en: 'User not found: {id}' },
  ORG_USERNAME_TAKEN: {
    status: 409,
    zh: '用户名已被使用：{username}',
    en: 'Username already taken: {username}',
  },
  ORG_ROLE_CONFLICT: {
    status: 400,
    zh: '角色组合不允许：{reason}',
    en: 'Role combination not allowed: {reason}',
  },
  ORG_ROLE_SELF_GRANT: {
    status: 403,
    zh: '不能修改自己的角色（职责分离）',
    en: 'You cannot change your own roles (separation of duties)',
  },
  ORG_SELF_ACTION: {
    status: 403,
    zh: '不能对自己的账号执行此操作：{action}',
    en: 'This action cannot be taken on your own account: {action}',
  },
  ORG_API_CLIENT_NOT_FOUND: { status: 404, zh: 'API 客户端不存在：{id}', en: 'API client not found: {id}' },
  ORG_API_CLIENT_REVOKED: { status: 409, zh: 'API 客户端已吊销', en: 'The API client is revoked' },
  AUTH_CLIENT_SUSPENDED: {
    status: 403,
    zh: 'API 客户端已因访问异常被暂停使用（{reason}）；请联系安全管理员核查后解除暂停',
    en: 'The API client is suspended after unusual access ({reason}); ask the security administrator to review it and lift the suspension',
  },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误；连续多次错误的账号会被暂时锁定',
    en: 'Wrong username or password; an account is locked for a while after repeated failures',
  },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    zh: '账号因多次登录失败已锁定，至 {until} 解锁，或联系安全管理员',
    en: 'Account locked after repeated failed logins until {until}, or ask the security administrator',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    zh: '密码不符合要求：至少 {min} 位，包含大写字母、小写字母、数字、符号中的三类，且不含用户名（{rule}）',
    en: 'Password too weak: at least {min} characters from three of upper case, lower case, digits, symbols, not containing the username ({rule})',
  },
  AUTH_PASSWORD_REUSED: {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  AUTH_TOTP_INVALID: {
    status: 401,
    zh: '动态验证码错误、已过期或已用过（每个验证码只能用一次）',
    en: 'Wrong, expired or already used verification code (each code works once)',
  },
  AUTH_TOTP_NOT_STARTED: { status: 409, zh: '请先开始绑定动态口令', en: 'Start TOTP enrolment first' },
  AUTH_STAGE_INVALID: {
    status: 409,
    zh: '当前登录步骤不允许此操作（当前：{stage}）',
    en: 'Not allowed at this sign-in step (current: {stage})',
  },
  AUTH_SIGN_IN_INCOMPLETE: {
    status: 403,
    zh: '请先完成登录步骤：{stage}',
    en: 'Finish signing in first: {stage}',
  },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '会话已超时，请重新登录', en: 'Session expired, sign in again' },
  AUTH_CLIENT_INVALID: { status: 401, zh: '客户端标识或密钥错误', en: 'Wrong client id or secret' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '访问令牌无效或已过期', en: 'Access token invalid or expired' },
  AUTH_SSO_DISABLED: { status: 404, zh: '未配置统一身份认证', en: 'Single sign-on is not configured' },
  AUTH_SSO_FAILED: {
    status: 401,
    zh: '统一身份认证登录失败：{reason}',
    en: 'Single sign-on failed: {reason}',
  },
  AUTH_SSO_UNKNOWN_USER: {
    status: 403,
    zh: '统一身份认证账号 {username} 未在本平台开通',
    en: 'SSO account {username} has no account on this platform',
  },
  AUTH_CROSS_SITE_REFUSED: {
    status: 403,
    zh: '拒绝来自其他网站的请求，请在本平台页面中操作',
    en: 'Request from another site refused; act from the platform’s own pages',
  },
  AUTH_PASSWORD_COMMON: {
    status: 400,
    zh: '密码过于常见或容易猜到（如常用密码加数字或符号），请换一个不易猜到的密码',
    en: 'Password too common or easy to guess (such as a common password plus digits or symbols); choose another',
  },
  ORG_LAST_ADMINISTRATOR: {
    status: 409,
    zh: '不能停用或撤销 {role} 的最后一个在用账号（三员分立须始终各有其人）',
    en: 'The last active {role} account cannot be disabled or lose that role (each separated role must stay held)',
  },
  ORG_DUAL_CONTROL_NOT_FOUND: {
    status: 404,
    zh: '双人审批请求不存在：{id}',
    en: 'Dual-control request not found: {id}',
  },
  ORG_DUAL_CONTROL_NOT_PENDING: {
    status: 409,
    zh: '双人审批请求当前状态为 {status}，不能执行此操作',
    en: 'The dual-control request is {status}; this step is not possible',
  },
  ORG_DUAL_CONTROL_EXPIRED: {
    status: 409,
    zh: '双人审批请求已于 {expiresAt} 过期，请重新申请',
    en: 'The dual-control request expired at {expiresAt}; request again',
  },
  ORG_DUAL_CONTROL_DUPLICATE: {
    status: 409,
    zh: '该账号已有同类待审批请求：{id}',
    en: 'The account already has a pending request of this kind: {id}',
  },
  ORG_DUAL_CONTROL_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己提出的请求或关于自己账号的请求（双人审批）',
    en: 'You cannot decide a request you made or one about your own account (dual control)',
  },
  ORG_DUAL_CONTROL_SAME_ROLE: {
    status: 403,
    zh: '审批人须为与申请人不同类的管理员（申请人为 {role}）',
    en: 'The approver must be an administrator of another kind than the requester ({role})',
  },
  ORG_FACTOR_RESET_SAME_ADMIN: {
    status: 403,
    zh: '同一管理员不能既重置该账号的密码又重置其动态口令（{days} 天内）',
    en: 'One administrator cannot reset both the password and the TOTP of an account (within {days} days)',
  },
});
