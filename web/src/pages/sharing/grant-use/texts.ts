import { useTranslation } from 'react-i18next';

/**
 * The words of the grant page's use sections (N14, N16, N21), zh-CN first. Kept beside the
 * sections until they move into the sharing module's message files.
 */
const zh = {
  records: {
    title: '使用记录',
    hint: '需求部门应当记录共享数据的使用场景、使用过程、应用成效、存储情况，记录保存不少于 3 年（《政务数据共享条例》第二十九条第二款）。',
    empty: '尚无使用记录',
    scenario: '使用场景',
    process: '使用过程',
    effect: '应用成效',
    storage: '存储情况',
    required: '请填写{{field}}',
    add: '新增使用记录',
    added: '已新增使用记录',
    retainUntil: '至少保存至 {{date}}',
    by: '{{name}} 记录于 {{at}}',
  },
  disposal: {
    title: '数据处置',
    none: '提供部门尚未提出处置要求',
    require: '要求处置',
    required: '已提出处置要求',
    ground: '处置事由',
    grounds: {
      grant_ended: '共享授权已终止',
      purpose_achieved: '共享目的已实现',
      purpose_unachievable: '共享目的无法实现',
      no_longer_necessary: '为实现共享目的不再必要',
    },
    requirement: '处置要求',
    dueDate: '报送期限',
    noPeriod: '条例未规定处置期限，由提供部门确定报送期限。',
    daysLeft: '剩余 {{days}} 个工作日',
    overdue: '已逾期',
    provisional: '暂定',
    filed: '已报送',
    late: '逾期报送',
    what: '处置内容',
    how: '处置方式',
    on: '处置日期',
    who: '处置人',
    file: '报送处置记录',
    fileDone: '已报送处置记录',
    fieldRequired: '请填写{{field}}',
    open: '查看办件',
    statuses: { awaiting_record: '待报送处置记录', filed: '已报送处置记录' },
  },
  change: {
    button: '申请变更用途',
    title: '申请扩大使用范围、用于其他目的或提供给第三方',
    hint: '确需扩大使用范围、用于其他目的或者提供给第三方的，应当经政务数据提供部门同意（《政务数据共享条例》第二十五条第一款）。',
    purposes: '其他用途',
    scope: '扩大后的使用范围',
    thirdParties: '第三方（多个用“、”分隔）',
    reason: '理由',
    reasonRequired: '请填写理由',
    submit: '提交',
    section: '用途变更',
    covered: '授权涵盖的用途',
    consent: '{{number}} 已同意',
    none: '尚无用途变更申请',
    statuses: {
      requested: '待提供部门同意',
      approved: '提供部门已同意',
      refused: '提供部门不同意',
      withdrawn: '已撤回',
    },
  },
  cancel: '取消',
  /** The grant's timeline steps these sections add. */
  events: {
    use_change_consented: '提供部门同意用途变更',
    disposal_required: '提供部门要求处置',
  },
};

const en: typeof zh = {
  records: {
    title: 'Use records',
    hint: 'The requester records the scenario, process, effect and storage of its use, kept at least 3 years (Regulation 809, Art.29 ¶2).',
    empty: 'No use records yet',
    scenario: 'Scenario',
    process: 'Process',
    effect: 'Effect',
    storage: 'Storage',
    required: 'Enter the {{field}}',
    add: 'Add a use record',
    added: 'Use record added',
    retainUntil: 'Kept at least until {{date}}',
    by: 'Recorded by {{name}} at {{at}}',
  },
  disposal: {
    title: 'Disposal',
    none: 'The provider has not required disposal',
    require: 'Require disposal',
    required: 'Disposal required',
    ground: 'Ground',
    grounds: {
      grant_ended: 'The grant ended',
      purpose_achieved: 'Purpose achieved',
      purpose_unachievable: 'Purpose unachievable',
      no_longer_necessary: 'No longer necessary',
    },
    requirement: 'Requirement',
    dueDate: 'Record due',
    noPeriod: 'The regulation sets no period for disposal; the provider sets the date.',
    daysLeft: '{{days}} working days left',
    overdue: 'Overdue',
    provisional: 'Provisional',
    filed: 'Filed',
    late: 'Filed late',
    what: 'What',
    how: 'How',
    on: 'When',
    who: 'Who',
    file: 'File the disposal record',
    fileDone: 'Disposal record filed',
    fieldRequired: 'Enter {{field}}',
    open: 'Open the case',
    statuses: { awaiting_record: 'Awaiting the record', filed: 'Record filed' },
  },
  change: {
    button: 'Request a use change',
    title: 'Widen the use, use for another purpose or pass to a third party',
    hint: 'Widening the use, another purpose or a third party needs the provider’s consent (Regulation 809, Art.25 ¶1).',
    purposes: 'Other purposes',
    scope: 'Wider use',
    thirdParties: 'Third parties (separate with 、)',
    reason: 'Reason',
    reasonRequired: 'Enter a reason',
    submit: 'Submit',
    section: 'Use changes',
    covered: 'Purposes covered',
    consent: '{{number}} consented',
    none: 'No use-change requests',
    statuses: {
      requested: 'Awaiting the provider',
      approved: 'Consented',
      refused: 'Refused',
      withdrawn: 'Withdrawn',
    },
  },
  cancel: 'Cancel',
  events: {
    use_change_consented: 'Use change consented',
    disposal_required: 'Disposal required',
  },
};

export type GrantUseTexts = typeof zh;

/** The texts in the portal's language, with `{{name}}` filled from `values`. */
export function useGrantUseTexts(): {
  w: GrantUseTexts;
  fill(text: string, values: Record<string, string | number>): string;
} {
  const { i18n } = useTranslation();
  return {
    w: i18n.language.startsWith('en') ? en : zh,
    fill: (text, values) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? '')),
  };
}
