/** Messages of the public open data portal (/open). */
export const opendataZhCN = {
  title: '政务数据开放',
  link: '开放数据',
  subtitle: '向社会开放的政务信息资源，无需登录即可检索、浏览和下载',
  home: '首页',
  developers: '开发者',
  signIn: '工作人员登录',
  searchPlaceholder: '输入关键词，如“参保”“统计”',
  search: '检索',
  themes: '按主题浏览',
  providers: '按提供部门浏览',
  results: '共 {{count}} 个数据集',
  noResults: '没有找到符合条件的开放数据',
  theme: '主题',
  provider: '提供部门',
  all: '全部',
  updateCycle: '更新周期',
  modified: '更新于',
  items: '数据项',
  itemName: '名称',
  itemType: '类型',
  itemLength: '长度',
  format: '格式',
  conditions: '开放条件',
  basis: '开放依据',
  licence: '使用条件',
  freshness: '时效',
  publishedAt: '目录发布时间',
  dataChangedAt: '数据最近更新',
  rows: '记录数',
  downloads: '下载数据',
  notHosted: '该资源的数据未托管在平台上，请按开放条件向提供部门获取。',
  notFound: '开放目录中没有该数据集',
  links: '机器可读',
  back: '返回检索',
  devIntro:
    '开放目录提供三种机器接口，均无需登录，按来访地址限流（页面与检索每分钟 300 次，下载每分钟 30 次）。所有接口只返回向社会开放、非涉密、已注明开放依据的资源，且不含个人信息数据项。',
  devCkan: 'CKAN 兼容接口',
  devCkanText:
    '兼容 CKAN 动作接口（/api/3/action/），可被 CKAN 采集器（ckanext-harvest）等直接读取：package_list、package_search（GET 或 POST，支持 q、fq、rows、start、sort、facet.field）、package_show、organization_list、organization_show、status_show、help_show。',
  devDcat: 'DCAT-AP 目录',
  devDcatText:
    '整个开放目录以 DCAT-AP 3 JSON-LD 发布，每个数据集也有自己的 IRI；每个分发都带格式、媒体类型、访问地址和下载地址。',
  devDownloads: '数据下载',
  devDownloadsText:
    '托管在平台上的开放数据可下载为 CSV（UTF-8 带 BOM，Excel 可直接打开）或 NDJSON（每行一条 JSON 记录），流式输出。每次下载都记入审计日志。',
  devSearch: '检索接口',
  devSearchText:
    '门户本身使用的 JSON 接口：中文分词检索，按主题（theme）和提供部门（provider）筛选并返回分面计数。',
};

export type OpendataMessages = typeof opendataZhCN;
