/**
 * Names of the parts of an entry, for paths the server reports (`items[2].dataType`,
 * `share.legalBasis`) in validation issues and diffs. Indexed segments are written `[]`.
 */
const PATH_LABELS: Record<string, { zh: string; en: string }> = {
  name: { zh: '信息资源名称', en: 'Resource name' },
  classification: { zh: '分类', en: 'Classification' },
  'classification.catalog': { zh: '目录类别', en: 'Catalog class' },
  'classification.area': { zh: '基础/主题领域', en: 'Base/theme area' },
  'classification.category': { zh: '目', en: 'Category' },
  'classification.subcategory': { zh: '细目', en: 'Subcategory' },
  summary: { zh: '信息资源摘要', en: 'Summary' },
  format: { zh: '信息资源格式', en: 'Format' },
  'format.category': { zh: '格式分类', en: 'Format category' },
  'format.concrete': { zh: '具体格式', en: 'Concrete format' },
  updateCycle: { zh: '更新周期', en: 'Update cycle' },
  updateCycleNote: { zh: '更新周期说明', en: 'Update cycle note' },
  relatedCodes: { zh: '关联资源代码', en: 'Related resource codes' },
  'relatedCodes[]': { zh: '关联资源代码', en: 'Related code' },
  keywords: { zh: '关键字', en: 'Keywords' },
  'keywords[]': { zh: '关键字', en: 'Keyword' },
  items: { zh: '信息项', en: 'Information items' },
  'items[]': { zh: '信息项', en: 'Item' },
  'items[].name': { zh: '名称', en: 'name' },
  'items[].dataType': { zh: '数据类型', en: 'data type' },
  'items[].length': { zh: '长度', en: 'length' },
  'items[].isKey': { zh: '是否主键', en: 'key' },
  'items[].keyKind': { zh: '主键类型', en: 'key kind' },
  'items[].personal': { zh: '个人信息', en: 'personal information' },
  'items[].base': { zh: '基础信息项', en: 'base item' },
  'items[].shareType': { zh: '信息项共享类型', en: 'item share type' },
  share: { zh: '共享属性', en: 'Share attributes' },
  'share.type': { zh: '共享类型', en: 'Share type' },
  'share.conditions': { zh: '共享条件', en: 'Share conditions' },
  'share.methods': { zh: '共享方式', en: 'Share methods' },
  'share.methods[]': { zh: '共享方式', en: 'Share method' },
  'share.legalBasis': { zh: '共享依据', en: 'Legal basis' },
  'share.legalBasis[]': { zh: '共享依据', en: 'Legal basis' },
  'share.legalBasis[].kind': { zh: '依据类别', en: 'kind' },
  'share.legalBasis[].title': { zh: '名称', en: 'title' },
  'share.legalBasis[].article': { zh: '条款', en: 'article' },
  open: { zh: '开放属性', en: 'Open attributes' },
  'open.toPublic': { zh: '是否向社会开放', en: 'Open to the public' },
  'open.conditions': { zh: '开放条件', en: 'Open conditions' },
  'open.basis': { zh: '开放依据', en: 'Basis for opening' },
  classified: { zh: '是否涉密', en: 'Classified' },
  documentation: { zh: '数据文档', en: 'Documentation' },
  'documentation.collectionBasis': { zh: '采集依据', en: 'Collection basis' },
  'documentation.collection': { zh: '采集规范和程序', en: 'Collection procedure' },
  'documentation.publication': { zh: '发布规范和程序', en: 'Publication procedure' },
  'documentation.maintenance': { zh: '维护规范和程序', en: 'Maintenance procedure' },
};

/** `items[2].dataType` → `['items', 2, 'dataType']`, the form's name path of that field. */
export function namePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    out.push(match[1] as string);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** `['items', 2, 'dataType']` → `items[2].dataType`, the server's way of naming a field. */
export function pathString(name: (string | number)[]): string {
  return name.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${part}` : part;
  }, '');
}

/** `items[2].dataType` → "信息项 3 › 数据类型"; unknown parts as written. */
export function pathLabel(path: string, en: boolean): string {
  const labels: string[] = [];
  let key = '';
  for (const part of namePath(path)) {
    if (typeof part === 'number') {
      key = `${key}[]`;
      const label = PATH_LABELS[key];
      if (labels.length > 0 && label) labels[labels.length - 1] = `${en ? label.en : label.zh} ${part + 1}`;
      else labels.push(String(part + 1));
      continue;
    }
    key = key ? `${key}.${part}` : part;
    const label = PATH_LABELS[key];
    labels.push(label ? (en ? label.en : label.zh) : part);
  }
  return labels.join(' › ');
}
