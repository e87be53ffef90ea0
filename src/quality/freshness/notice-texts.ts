import { defineNotices } from '../../platform/messages/index.js';

/** What the freshness monitor and the authority tell a department, in zh-CN and en (R68, R71). */
export const FreshnessNotices = defineNotices({
  'quality.freshness.late': {
    title: { zh: '信息资源未按时更新：{name}', en: 'Resource not updated in time: {name}' },
    body: {
      zh: '{code} 应于 {dueBy} 前更新（{article}），最近一次更新：{last}。请尽快更新数据',
      en: '{code} was due for an update by {dueBy} ({article}); last update {last}. Please update the data',
    },
  },
  'quality.freshness.restricted': {
    title: {
      zh: '本部门申请共享资源的权益已被限制',
      en: "Your department's new applications are restricted",
    },
    body: {
      zh: '主管部门因数据未按时更新（{article}）限制本部门提出新的共享申请：{reason}。更新全部逾期资源后自动解除',
      en: 'The authority restricted new applications because data is late ({article}): {reason}. Lifted once no resource is late',
    },
  },
  'quality.freshness.lifted': {
    title: { zh: '申请权益限制已解除', en: 'Application restriction lifted' },
    body: { zh: '主管部门已解除限制：{note}', en: 'The authority lifted the restriction: {note}' },
  },
  'quality.freshness.caught_up': {
    title: { zh: '申请权益限制已解除', en: 'Application restriction lifted' },
    body: {
      zh: '本部门已无超过更新时限的信息资源，限制自动解除',
      en: 'No resource of your department is late any more: the restriction ended by itself',
    },
  },
});
