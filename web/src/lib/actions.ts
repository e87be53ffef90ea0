/** Names of authorization actions as people say them; an action not listed shows its code only. */
export const ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  'jurisdiction.read': { zh: '查看行政区划', en: 'View jurisdictions' },
  'jurisdiction.manage': { zh: '管理行政区划', en: 'Manage jurisdictions' },
  'department.read': { zh: '查看部门', en: 'View departments' },
  'department.manage': { zh: '管理部门', en: 'Manage departments' },
  'department.office.manage': {
    zh: '维护本部门共享工作机构',
    en: "Maintain own department's sharing office",
  },
  'user.read': { zh: '查看用户', en: 'View users' },
  'user.manage': { zh: '管理用户账号', en: 'Manage user accounts' },
  'user.grantRole': { zh: '授予角色', en: 'Grant roles' },
  'user.unlock': { zh: '解锁账号', en: 'Unlock accounts' },
  'user.resetPassword': { zh: '重置密码', en: 'Reset passwords' },
  'security.accounts.read': {
    zh: '查看账号安全（锁定、登录失败、动态口令、未分配角色）',
    en: 'View account security (locks, failed sign-ins, TOTP, accounts without a role)',
  },
  'apiClient.read': { zh: '查看 API 客户端', en: 'View API clients' },
  'apiClient.manage': {
    zh: '新建与轮换本部门 API 客户端',
    en: 'Create and rotate own department’s API clients',
  },
  'apiClient.revoke': {
    zh: '吊销 API 客户端（平台人员：紧急情况）',
    en: 'Revoke API clients (platform staff: emergencies)',
  },
  'audit.read': { zh: '查阅审计日志', en: 'Read the audit trail' },
  'calendar.manage': { zh: '维护工作日历', en: 'Maintain the working calendar' },
  'platform.jobs.read': { zh: '查看后台任务', en: 'View background jobs' },
  'snapshot.read': { zh: '查阅数据快照（电子凭证）', en: 'Read data snapshots (electronic vouchers)' },
  // quality: corrections (issue 16)
  'quality.correction.read': { zh: '查看校核纠错申请', en: 'View verification requests' },
  'quality.correction.file': { zh: '提出数据校核申请', en: 'File verification requests' },
  'quality.correction.answer': {
    zh: '核实、更正或答复数据校核申请',
    en: 'Verify, correct or answer verification requests',
  },
  'quality.correction.route': {
    zh: '受理、转办或直接处理数据校核申请',
    en: 'Check, forward or resolve verification requests',
  },
  // quality: freshness (issue 16)
  'quality.freshness.read': { zh: '查看数据时效', en: 'View freshness' },
  'quality.freshness.restrict': {
    zh: '限制逾期未更新部门的申请权益',
    en: 'Restrict departments whose data is late',
  },
  // quality: scores (issue 16)
  'quality.score.read': { zh: '查看数据质量评分', en: 'View quality scores' },
  'quality.score.scan': { zh: '重新全量检查数据质量', en: 'Re-check data quality' },
  // quality: sources (issue 16)
  'quality.source.read': { zh: '查看一数一源登记', en: 'View the authoritative-source registry' },
  'quality.source.manage': {
    zh: '登记数源部门，认定重复采集，处理数据冲突',
    en: 'Designate sources, decide duplicate collection and conflicts',
  },
  'quality.source.case.read': {
    zh: '查看本部门的重复采集与数据冲突事项',
    en: 'View duplicate collection and conflicts of the department',
  },
  // supervision: indicators (issue 17)
  'supervision.indicator.read': { zh: '查看监督考核指标', en: 'View supervision indicators' },
  'supervision.indicator.compute': { zh: '重新计算监督考核指标', en: 'Recompute supervision indicators' },
  // supervision: violations and circulars (issue 17, R114, N20)
  'supervision.violation.read': { zh: '查看违规事项', en: 'View violation cases' },
  'supervision.violation.handle': {
    zh: '违规事项立案、责令整改、验收与通报',
    en: 'Open violation cases, order and accept rectification, publish circulars',
  },
  'supervision.violation.rectify': {
    zh: '报告违规事项整改情况',
    en: 'Report the rectification of a violation',
  },
  'supervision.circular.read': { zh: '查看通报', en: 'View circulars' },
  'supervision.evaluation.read': { zh: '查看考核评价', en: 'View evaluations' },
  'supervision.evaluation.manage': {
    zh: '开展、审核和发布考核评价',
    en: 'Run, review and publish evaluations',
  },
  'supervision.report.read': { zh: '查看部门共享工作报告', en: 'View department reports' },
  'supervision.report.fill': { zh: '填报本部门共享工作报告', en: "Fill in own department's report" },
  'supervision.report.review': { zh: '审核部门共享工作报告', en: 'Review department reports' },
  'supervision.compliance.issue': {
    zh: '出具共享合规报告（信息化项目审批用）',
    en: 'Issue sharing compliance reports (for IT projects)',
  },
  'supervision.compliance.read': { zh: '查看共享合规报告', en: 'View sharing compliance reports' },
  // supervision: security alerts on the access trail (issue 17, R65)
  'supervision.alert.read': { zh: '查看安全告警', en: 'View security alerts' },
  'supervision.alert.acknowledge': { zh: '确认安全告警', en: 'Acknowledge security alerts' },
  'supervision.alert.lift': {
    zh: '解除安全告警对 API 客户端的暂停',
    en: 'Lift the suspension of an API client by a security alert',
  },
  'supervision.alert.configure': {
    zh: '设置告警阈值与自动暂停',
    en: 'Set alert thresholds and automatic suspension',
  },
};
