/**
 * Words of the N17 steps (809 第二十七条第二款: 暂停共享权限，督促限期整改，拒不整改或者整改不到位的终止共享),
 * zh-CN first, en second; kept beside the pages that use them.
 */
export const RECTIFICATION_LABELS = {
  statuses: {
    rectifying: { zh: '已暂停授权，限期整改中', en: 'Suspended, rectifying' },
    rectification_reported: { zh: '已报告整改，待核查', en: 'Rectification reported' },
    rectified: { zh: '整改到位，已恢复授权', en: 'Rectified, resumed' },
    terminated: { zh: '整改不到位，已终止共享', en: 'Not rectified, terminated' },
  },
  actions: {
    report_rectification: { zh: '报告整改情况', en: 'Report rectification' },
    accept_rectification: { zh: '确认整改到位', en: 'Accept rectification' },
    reject_rectification: { zh: '认定整改不到位', en: 'Not rectified' },
    terminate: { zh: '终止共享', en: 'Terminate sharing' },
  },
  fields: {
    rectify: {
      zh: '暂停该授权并限期整改（第二十七条第二款）',
      en: 'Suspend the grant and order rectification',
    },
    rectifyYes: { zh: '暂停并责令整改', en: 'Suspend and order rectification' },
    rectifyNo: { zh: '不暂停', en: 'Do not suspend' },
    order: { zh: '整改要求', en: 'What to rectify' },
    days: { zh: '整改期限（工作日）', en: 'Rectify within (working days)' },
    report: { zh: '整改情况', en: 'What was rectified' },
    note: { zh: '核查意见', en: 'Review note' },
    reason: { zh: '理由', en: 'Reason' },
    card: { zh: '限期整改', en: 'Rectification' },
    due: { zh: '整改期限', en: 'Rectify by' },
    reportedAt: { zh: '报告时间', en: 'Reported at' },
    termination: { zh: '终止共享', en: 'Sharing terminated' },
    terminatedBy: { zh: '终止方', en: 'Terminated by' },
  },
} as const;

type Labels = typeof RECTIFICATION_LABELS;

/** The label in the portal's language: English where the language is English, else zh-CN. */
export function pick(language: string, label: { zh: string; en: string }): string {
  return language.startsWith('en') ? label.en : label.zh;
}

export const isRectificationStatus = (s: string): s is keyof Labels['statuses'] =>
  s in RECTIFICATION_LABELS.statuses;
export const isRectificationAction = (s: string): s is keyof Labels['actions'] =>
  s in RECTIFICATION_LABELS.actions;
