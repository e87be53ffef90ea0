import type { CatalogService, EntryContent, InformationItem, LegalBasis } from '../../catalog/index.js';
import type { DepartmentService } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { demoDocumentation } from './documentation.js';

/** What the demo uses of the running platform (loadDemo passes it). */
interface DemoPlatform {
  storage: { db: Executor };
  services: { catalog: CatalogService; departments: Pick<DepartmentService, 'get'> };
}

type Stage = 'draft' | 'submitted' | 'returned' | 'ratified' | 'published';

interface DemoEntry {
  department: string;
  stage: Stage;
  content: Omit<EntryContent, 'relatedCodes' | 'open' | 'classified' | 'format'> &
    Partial<Pick<EntryContent, 'open' | 'format'>>;
}

const key = (name: string, keyKind: InformationItem['keyKind'], length = 18): InformationItem => ({
  name,
  dataType: 'C',
  length,
  isKey: true,
  keyKind,
  personal: keyKind === 'resident_id',
  base: true,
});
const text = (name: string, length = 100, extra: Partial<InformationItem> = {}): InformationItem => ({
  name,
  dataType: 'C',
  length,
  isKey: false,
  personal: false,
  ...extra,
});
const date = (name: string, extra: Partial<InformationItem> = {}): InformationItem => ({
  name,
  dataType: 'D',
  isKey: false,
  personal: false,
  ...extra,
});
const personal = (name: string, length = 50, base = false): InformationItem => ({
  name,
  dataType: 'C',
  length,
  isKey: false,
  personal: true,
  ...(base ? { base } : {}),
});

const unconditional = {
  type: 'unconditional' as const,
  methods: ['platform_interface' as const],
  legalBasis: [],
};
const conditional = (conditions: string, basis: LegalBasis) => ({
  type: 'conditional' as const,
  conditions,
  methods: ['platform_interface' as const, 'platform_file' as const],
  legalBasis: [basis],
});
const law = (title: string, article: string): LegalBasis => ({ kind: 'law', title, article });

const POLICE = '示范市公安局';
const MARKET = '示范市市场监督管理局';
const HRSS = '示范市人力资源和社会保障局';
const REAL_ESTATE = '示范市不动产登记中心';
const NATURAL = '示范市自然资源和规划局';
const HEALTH = '示范市卫生健康委员会';
const DONGHU_CIVIL = '示范市东湖区民政局';
const QINGSHAN_MARKET = '示范市青山县市场监督管理局';

const ENTRIES: DemoEntry[] = [
  {
    department: POLICE,
    stage: 'published',
    content: {
      name: '人口基本信息',
      classification: { catalog: 'base', area: 'population', category: '001' },
      summary: '本市户籍人口的公民身份号码、姓名、性别、民族、出生日期、户籍地址等基础信息。',
      updateCycle: 'daily',
      keywords: ['人口', '户籍', '身份证'],
      items: [
        key('公民身份号码', 'resident_id'),
        personal('姓名', 50, true),
        text('性别', 2, { base: true }),
        text('民族', 20, { base: true }),
        date('出生日期', { base: true, personal: true }),
        personal('户籍地址', 200, true),
      ],
      // Hosted on the platform (集中存放) as well as served by the police's own interface.
      share: { ...unconditional, methods: ['platform_database', 'platform_interface'] },
    },
  },
  {
    department: POLICE,
    stage: 'published',
    content: {
      name: '户籍迁移信息',
      classification: { catalog: 'department', category: '001' },
      summary: '户口迁入、迁出登记记录，用于入学、社保转移等业务核验。',
      updateCycle: 'daily',
      keywords: ['户籍', '迁移', '落户'],
      items: [
        key('公民身份号码', 'resident_id'),
        text('迁移类型', 10),
        date('迁移日期'),
        personal('迁出地', 200),
      ],
      share: conditional(
        '仅用于政务服务事项办理中的户籍核验',
        law('《中华人民共和国户口登记条例》', '第十条'),
      ),
    },
  },
  {
    department: POLICE,
    stage: 'published',
    content: {
      name: '居民身份证电子证照',
      classification: { catalog: 'base', area: 'e_licence', category: '001' },
      summary: '居民身份证电子证照的证照号码、持证人、有效期限等信息。',
      updateCycle: 'real_time',
      keywords: ['电子证照', '身份证'],
      items: [
        key('公民身份号码', 'resident_id'),
        personal('持证人姓名', 50, true),
        date('有效期限起', { base: true }),
      ],
      share: unconditional,
    },
  },
  {
    department: POLICE,
    stage: 'published',
    content: {
      name: '出入境证件签发信息',
      classification: { catalog: 'department', category: '002' },
      summary: '护照、往来港澳通行证等出入境证件的签发记录。',
      updateCycle: 'daily',
      keywords: ['出入境', '护照'],
      items: [key('公民身份号码', 'resident_id'), text('证件类型', 20), date('签发日期')],
      share: {
        type: 'not_shared',
        methods: [],
        legalBasis: [{ kind: 'law', title: '《中华人民共和国出境入境管理法》', article: '第八十五条' }],
      },
    },
  },
  {
    department: MARKET,
    stage: 'published',
    content: {
      name: '法人单位基本信息',
      classification: { catalog: 'base', area: 'legal_person', category: '001' },
      summary: '企业、个体工商户等市场主体的统一社会信用代码、名称、法定代表人、注册地址、经营范围。',
      updateCycle: 'real_time',
      keywords: ['法人', '企业', '统一社会信用代码'],
      items: [
        key('统一社会信用代码', 'social_credit_code'),
        text('单位名称', 200, { base: true }),
        personal('法定代表人', 50, true),
        text('注册地址', 200, { base: true }),
        text('经营范围', 2000),
      ],
      share: unconditional,
      open: { toPublic: true, conditions: '不含法定代表人身份证件信息', basis: 'provider_consent' },
    },
  },
  {
    department: MARKET,
    stage: 'published',
    content: {
      name: '企业信用信息',
      classification: { catalog: 'base', area: 'social_credit', category: '001' },
      summary: '企业年报、经营异常名录、严重违法失信名单等信用信息。',
      updateCycle: 'daily',
      keywords: ['信用', '失信', '经营异常'],
      items: [
        key('统一社会信用代码', 'social_credit_code'),
        text('信用状态', 20, { base: true }),
        date('列入日期'),
      ],
      share: unconditional,
      open: { toPublic: true, basis: 'disclosure_scope' },
    },
  },
  {
    department: MARKET,
    stage: 'published',
    content: {
      name: '营业执照电子证照',
      classification: { catalog: 'base', area: 'e_licence', category: '002' },
      summary: '营业执照电子证照，含证照编号、主体名称、统一社会信用代码、发证日期。',
      updateCycle: 'real_time',
      format: { category: 'electronic_file', concrete: 'OFD' },
      keywords: ['电子证照', '营业执照'],
      items: [
        key('统一社会信用代码', 'social_credit_code'),
        text('证照编号', 50, { base: true }),
        date('发证日期'),
      ],
      share: unconditional,
    },
  },
  {
    department: MARKET,
    stage: 'submitted',
    content: {
      name: '行政处罚信息',
      classification: { catalog: 'theme', area: 'credit_system', category: '001' },
      summary: '市场监管领域作出的行政处罚决定信息。',
      updateCycle: 'weekly',
      keywords: ['行政处罚', '信用'],
      items: [key('统一社会信用代码', 'social_credit_code'), text('处罚决定书文号', 100), date('处罚日期')],
      share: unconditional,
    },
  },
  {
    department: HRSS,
    stage: 'published',
    content: {
      name: '社保参保信息',
      classification: { catalog: 'department', category: '001' },
      summary: '职工养老、医疗、失业、工伤保险的参保状态与缴费基数。',
      updateCycle: 'monthly',
      keywords: ['社保', '参保', '养老保险'],
      items: [
        key('公民身份号码', 'resident_id'),
        text('险种', 20),
        text('参保状态', 10),
        { name: '缴费基数', dataType: 'Y', length: 12, isKey: false, personal: true },
      ],
      share: conditional(
        '仅用于社会保障待遇审核与政务服务办理',
        law('《中华人民共和国社会保险法》', '第八十一条'),
      ),
    },
  },
  {
    department: HRSS,
    stage: 'ratified',
    content: {
      name: '就业登记信息',
      classification: { catalog: 'theme', area: 'social_security', category: '001' },
      summary: '劳动者就业、失业登记信息。',
      updateCycle: 'monthly',
      keywords: ['就业', '失业登记'],
      items: [key('公民身份号码', 'resident_id'), text('就业状态', 10), date('登记日期')],
      share: unconditional,
    },
  },
  {
    department: HRSS,
    stage: 'published',
    content: {
      name: '职业资格证书电子证照',
      classification: { catalog: 'base', area: 'e_licence', category: '003' },
      summary: '职业资格证书、职业技能等级证书电子证照。',
      updateCycle: 'real_time',
      format: { category: 'electronic_file', concrete: 'OFD' },
      keywords: ['电子证照', '职业资格'],
      items: [
        key('公民身份号码', 'resident_id'),
        text('证书编号', 50, { base: true }),
        text('职业名称', 100),
      ],
      share: unconditional,
    },
  },
  {
    department: HRSS,
    stage: 'draft',
    content: {
      name: '养老金发放信息',
      classification: { catalog: 'department', category: '002' },
      summary: '',
      updateCycle: 'monthly',
      keywords: ['养老金'],
      items: [key('公民身份号码', 'resident_id')],
      share: unconditional,
    },
  },
  {
    department: DONGHU_CIVIL,
    stage: 'published',
    content: {
      name: '婚姻登记信息',
      classification: { catalog: 'department', category: '001' },
      summary: '东湖区结婚、离婚登记记录。',
      updateCycle: 'daily',
      keywords: ['婚姻', '登记'],
      items: [key('公民身份号码', 'resident_id'), text('登记类型', 10), date('登记日期')],
      share: conditional('仅用于不动产登记、公积金提取等业务核验', law('《婚姻登记条例》', '第二条')),
    },
  },
  {
    department: DONGHU_CIVIL,
    stage: 'returned',
    content: {
      name: '最低生活保障对象信息',
      classification: { catalog: 'theme', area: 'social_security', category: '002' },
      summary: '低保对象及家庭成员信息。',
      updateCycle: 'monthly',
      keywords: ['低保', '救助'],
      items: [key('公民身份号码', 'resident_id'), text('保障金额', 12)],
      share: unconditional,
    },
  },
  {
    department: QINGSHAN_MARKET,
    stage: 'submitted',
    content: {
      name: '个体工商户登记信息',
      classification: { catalog: 'base', area: 'legal_person', category: '002' },
      summary: '青山县个体工商户的登记信息。',
      updateCycle: 'daily',
      keywords: ['个体工商户', '法人'],
      items: [key('统一社会信用代码', 'social_credit_code'), text('字号名称', 200, { base: true })],
      share: unconditional,
    },
  },
  {
    department: REAL_ESTATE,
    stage: 'published',
    content: {
      name: '不动产登记信息',
      classification: { catalog: 'department', category: '001' },
      summary: '不动产权利人、坐落、权利类型、登记时间等信息。',
      updateCycle: 'real_time',
      keywords: ['不动产', '房产', '登记'],
      items: [
        { name: '不动产单元号', dataType: 'C', length: 28, isKey: true, keyKind: 'other', personal: false },
        personal('权利人', 100),
        text('坐落', 200),
        date('登记日期'),
      ],
      share: conditional('仅用于依法履职所需的不动产状况核验', law('《不动产登记暂行条例》', '第二十七条')),
    },
  },
  {
    department: REAL_ESTATE,
    stage: 'published',
    content: {
      name: '不动产权证书电子证照',
      classification: { catalog: 'base', area: 'e_licence', category: '004' },
      summary: '不动产权证书、不动产登记证明电子证照。',
      updateCycle: 'real_time',
      format: { category: 'electronic_file', concrete: 'OFD' },
      keywords: ['电子证照', '不动产权证'],
      items: [
        text('证书编号', 50, { base: true, isKey: true, keyKind: 'other' }),
        personal('权利人', 100, true),
      ],
      share: unconditional,
    },
  },
  {
    department: NATURAL,
    stage: 'published',
    content: {
      name: '国土空间规划信息',
      classification: { catalog: 'base', area: 'natural_resources_geography', category: '001' },
      summary: '国土空间总体规划、详细规划的图斑与用途管制信息。',
      updateCycle: 'yearly',
      format: { category: 'image', concrete: 'GeoJSON' },
      keywords: ['国土空间', '规划', '地理'],
      items: [text('规划图斑编号', 30, { base: true }), text('用地性质', 50, { base: true })],
      share: unconditional,
      open: { toPublic: true, basis: 'disclosure_scope' },
    },
  },
  {
    department: HEALTH,
    stage: 'published',
    content: {
      name: '医疗机构执业信息',
      classification: { catalog: 'theme', area: 'health', category: '001' },
      summary: '医疗机构名称、执业许可证号、诊疗科目、地址。',
      updateCycle: 'monthly',
      keywords: ['医疗机构', '执业许可'],
      items: [key('统一社会信用代码', 'social_credit_code'), text('机构名称', 200), text('诊疗科目', 500)],
      share: unconditional,
      open: { toPublic: true, basis: 'disclosure_scope' },
    },
  },
  {
    department: HEALTH,
    stage: 'draft',
    content: {
      name: '出生医学证明电子证照',
      classification: { catalog: 'base', area: 'e_licence', category: '005' },
      summary: '出生医学证明电子证照。',
      updateCycle: 'real_time',
      keywords: ['电子证照', '出生医学证明'],
      items: [
        text('证明编号', 30, { base: true, isKey: true, keyKind: 'other' }),
        personal('新生儿姓名', 50, true),
      ],
      share: unconditional,
    },
  },
];

/**
 * Seeds the demo catalog: about twenty entries of the 示范市 departments in every state of the
 * lifecycle (published, ratified, submitted, returned, drafts), through the catalog service so
 * that codes, reviews, audit entries and the search index are what real use would make.
 */
export async function seedDemoCatalog(
  platform: DemoPlatform,
  departments: Map<string, string>,
): Promise<number> {
  const { catalog } = platform.services;
  const authorityDepartment = departments.get('示范市政务服务和数据管理局');
  if (!authorityDepartment) throw new Error('demo authority department missing');
  const authorityPath = (await platform.services.departments.get(undefined, authorityDepartment))
    .jurisdictionPath;
  const authority: Actor = {
    kind: 'user',
    id: 'demo-authority',
    name: '演示数据（主管部门）',
    departmentId: authorityDepartment,
    jurisdictionPath: authorityPath,
    roles: ['authority'],
  };
  for (const spec of ENTRIES) {
    const departmentId = departments.get(spec.department);
    if (!departmentId) throw new Error(`demo department missing: ${spec.department}`);
    const provider: Actor = {
      kind: 'user',
      id: 'demo-provider',
      name: '演示数据（信息资源管理员）',
      departmentId,
      jurisdictionPath: authorityPath,
      roles: ['resource_admin'],
    };
    const content: EntryContent = {
      format: { category: 'database', concrete: 'MySQL' },
      relatedCodes: [],
      open: { toPublic: false },
      classified: false,
      // 809 第十三条: classified and graded before submission (general data, level 2 of the profile's list).
      grading: { dataClass: 'general', level: '2' },
      // R73: the collection basis and procedures a local profile (肥城、广州、内乡) asks for.
      documentation: demoDocumentation(spec.department, spec.content.name),
      ...spec.content,
    };
    const { id } = await catalog.createDraft(provider, { content });
    if (spec.stage === 'draft') continue;
    // The assessments and the head's approval a department records before it submits (N02).
    const personal = content.items.some((item) => item.personal);
    await platform.storage.db.transaction().execute((trx) =>
      catalog.preparations.seed(trx, id, { id: provider.id, name: provider.name }, [
        {
          kind: 'secrecy_risk',
          result: 'passed',
          reference: '示范保评〔2026〕1号',
          summary: '不涉及国家秘密',
        },
        ...(personal
          ? [
              {
                kind: 'personal_info_impact' as const,
                result: 'passed',
                reference: '示范个评〔2026〕1号',
                summary: '个人信息仅按最小必要原则共享，敏感项脱敏',
              },
            ]
          : []),
        {
          kind: 'head_approval',
          result: 'approved',
          reference: '示范共享审〔2026〕1号',
          summary: '同意提交',
          onBehalfOf: '共享工作机构负责人',
        },
      ]),
    );
    await catalog.submit(provider, id);
    if (spec.stage === 'returned')
      await catalog.returnEntry(authority, id, { comment: '请补充信息项的数据长度和共享条件说明' });
    if (spec.stage === 'submitted' || spec.stage === 'returned') continue;
    await catalog.ratify(authority, id, { comment: '同意' });
    if (spec.stage === 'published') await catalog.publish(provider, id);
  }
  return ENTRIES.length;
}
