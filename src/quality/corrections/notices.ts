import { defineNotices } from '../../platform/messages/index.js';

/**
 * What verification requests tell departments, in zh-CN and en; each key is the notice's kind.
 * A notice to a department that read corrected records names the case, the resource and the items
 * changed, never the values (R84).
 */
export const CorrectionNotices = defineNotices({
  'correction.received': {
    title: { zh: '收到校核申请：{entry}', en: 'Verification request received: {entry}' },
    body: {
      zh: '{consumer}提出；请于 {due} 前核实处理（{article}）',
      en: 'Filed by {consumer}; verify and answer by {due} ({article})',
    },
  },
  'correction.received_no_period': {
    title: { zh: '收到校核申请：{entry}', en: 'Verification request received: {entry}' },
    body: {
      zh: '{consumer}提出；请及时核实处理（{article}）',
      en: 'Filed by {consumer}; verify and answer promptly ({article})',
    },
  },
  'correction.forwarded': {
    title: {
      zh: '主管部门转来校核申请{number}：{entry}',
      en: 'The authority forwarded verification request{number}: {entry}',
    },
    body: { zh: '请于 {due} 前核查并报送结果（{article}）', en: 'Check it and report by {due} ({article})' },
  },
  'correction.forwarded_no_period': {
    title: {
      zh: '主管部门转来校核申请{number}：{entry}',
      en: 'The authority forwarded verification request{number}: {entry}',
    },
    body: { zh: '请及时核查并报送结果（{article}）', en: 'Check it and report promptly ({article})' },
  },
  'correction.answered': {
    title: {
      zh: '校核申请 {number} 已办结：{outcome}',
      en: 'Verification request {number} closed: {outcome}',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'correction.withdrawn': {
    title: { zh: '校核申请 {number} 已被申请部门撤回', en: 'Verification request {number} was withdrawn' },
    body: { zh: '{body}', en: '{body}' },
  },
  'correction.records_corrected': {
    title: {
      zh: '您部门曾获取的数据已更正：{entry}（校核申请 {number}）',
      en: 'Data your department received was corrected: {entry} (verification request {number})',
    },
    body: {
      zh: '更正的信息项：{items}。请以更正后的数据为准，必要时重新获取。',
      en: 'Items corrected: {items}. Rely on the corrected data; fetch it again where needed.',
    },
  },
  'correction.overdue': {
    title: {
      zh: '校核申请 {number} 已逾期未处理（截止 {due}）',
      en: 'Verification request {number} is overdue (due {due})',
    },
    body: {
      zh: '{entry}；应由{owner}处理；期限依据：{article}',
      en: '{entry}; owed by {owner}; period set by: {article}',
    },
  },
});
