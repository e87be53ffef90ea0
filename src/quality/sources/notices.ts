import { defineNotices } from '../../platform/messages/index.js';

/** What one data, one source tells people, in zh-CN and en; each key is the notice's kind. */
export const SourceNotices = defineNotices({
  'source.duplicate_flagged': {
    title: {
      zh: '发现重复采集：{entry}',
      en: 'Duplicate collection: {entry}',
    },
    body: {
      zh: '{department}的目录“{entry}”采集数据项“{item}”，该数据项已由数源部门{source}提供（{sourceEntry}）。请认定。',
      en: '{department} catalogs the data item "{item}" in "{entry}"; its source {source} already provides it ({sourceEntry}). Please decide.',
    },
  },
  'source.use_source': {
    title: {
      zh: '重复采集 {number}：请改用数源数据',
      en: 'Duplicate collection {number}: use the source',
    },
    body: {
      zh: '数据项“{item}”请通过共享使用数源部门{source}的“{sourceEntry}”，不再重复采集（条例第四十条第一项）。{note}',
      en: 'Obtain the data item "{item}" by sharing from the source {source} ("{sourceEntry}") instead of collecting it again (Art.40(1)). {note}',
    },
  },
  'source.lawful': {
    title: {
      zh: '重复采集 {number}：认定依法采集',
      en: 'Duplicate collection {number}: recorded as lawful',
    },
    body: { zh: '依据：{basis}。{note}', en: 'Basis: {basis}. {note}' },
  },
  'source.conflict_detected': {
    title: {
      zh: '数据冲突：{entry} 与数源 {sourceEntry}',
      en: 'Data conflict: {entry} against the source {sourceEntry}',
    },
    body: {
      zh: '比对 {compared} 条记录，{count} 条的数据项（{items}）与数源不一致，请核实。',
      en: '{compared} records compared; {count} differ from the source in ({items}). Please verify.',
    },
  },
  'source.conflict_referred': {
    title: {
      zh: '数据冲突 {number} 已转校核：{verification}',
      en: 'Data conflict {number} referred for verification: {verification}',
    },
    body: { zh: '主管部门认定有误的一方：{side}。', en: 'The authority found this side wrong: {side}.' },
  },
  'source.conflict_resolved': {
    title: { zh: '数据冲突 {number} 已办结', en: 'Data conflict {number} resolved' },
    body: { zh: '{note}', en: '{note}' },
  },
});
