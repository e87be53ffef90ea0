import { defineNotices } from '../../platform/messages/index.js';

/** What the front-end node monitor tells a department, in zh-CN and en (R45, R55). */
export const NodeNotices = defineNotices({
  'exchange.node.online': {
    title: { zh: '前置机已恢复在线：{node}', en: 'Front-end exchange node back online: {node}' },
    body: { zh: '离线起始：{since}', en: 'Offline since {since}' },
  },
  'exchange.node.offline': {
    title: { zh: '前置机离线：{node}', en: 'Front-end exchange node offline: {node}' },
    body: {
      zh: '最后一次心跳：{last}；请检查前置机进程与网络',
      en: "Last heartbeat {last}; check the node's process and network",
    },
  },
});
