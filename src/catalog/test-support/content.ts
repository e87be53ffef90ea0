import type { EntryContent, InformationItem } from '../model.js';

/** A complete, valid base-catalog entry (人口基本信息) that tests vary one field at a time. */
export function sampleContent(overrides: Partial<EntryContent> = {}): EntryContent {
  return {
    name: '人口基本信息',
    classification: { catalog: 'base', area: 'population', category: '001' },
    summary: '全市户籍人口的姓名、公民身份号码、性别、民族、出生日期、住址等基本信息。',
    format: { category: 'database', concrete: 'MySQL' },
    updateCycle: 'daily',
    relatedCodes: [],
    keywords: ['户籍', '人口'],
    items: [
      item({
        name: '公民身份号码',
        dataType: 'C',
        length: 18,
        isKey: true,
        keyKind: 'resident_id',
        base: true,
      }),
      item({ name: '姓名', dataType: 'C', length: 50, base: true }),
      item({ name: '出生日期', dataType: 'D', base: true }),
      item({ name: '婚姻状况', dataType: 'C', length: 10 }),
    ],
    share: { type: 'unconditional', methods: ['platform_interface'], legalBasis: [] },
    open: { toPublic: false },
    classified: false,
    grading: { dataClass: 'general', level: '2' },
    documentation: sampleDocumentation(),
    ...overrides,
  };
}

/** 采集依据 and the three procedures (R73), as a profile that requires them accepts. */
export function sampleDocumentation(
  overrides: Partial<NonNullable<EntryContent['documentation']>> = {},
): NonNullable<EntryContent['documentation']> {
  return {
    collectionBasis: '《中华人民共和国户口登记条例》第三条：户口登记工作由各级公安机关主管',
    collection: '户籍窗口受理登记，民警核对证件后录入人口信息系统，经所长审核入库',
    publication: '经本部门政务数据共享工作机构审核后，通过共享平台接口发布',
    maintenance: '户籍变动当日更新；每月与民政、卫健部门数据比对，发现差错于5个工作日内更正',
    ...overrides,
  };
}

export function item(overrides: Partial<InformationItem> & { name: string }): InformationItem {
  return { dataType: 'C', length: 50, isKey: false, personal: true, ...overrides };
}

/** A conditional department-catalog entry with its legal basis, valid under every profile that lists `law`. */
export function conditionalContent(overrides: Partial<EntryContent> = {}): EntryContent {
  return sampleContent({
    name: '社保参保信息',
    classification: { catalog: 'department', category: '001' },
    keywords: ['社保'],
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '参保状态', length: 10 }),
    ],
    share: {
      type: 'conditional',
      conditions: '仅用于社会保障待遇审核',
      methods: ['platform_interface'],
      legalBasis: [{ kind: 'law', title: '《中华人民共和国社会保险法》', article: '第八十一条' }],
    },
    ...overrides,
  });
}
