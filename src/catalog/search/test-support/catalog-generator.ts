import type {
  BaseArea,
  CatalogClass,
  FormatCategory,
  ShareType,
  ThemeArea,
  UpdateCycle,
} from '../../model.js';

/**
 * A generated catalog that reads like a real one: what departments of several jurisdictions
 * catalog (市公安局 常住人口登记信息, 市市场监督管理局 企业登记信息 …), with their information items,
 * keywords and a summary composed from them. Deterministic for a seed, so tests can compute the
 * expected hits from the same data.
 */
export interface GeneratedEntry {
  name: string;
  summary: string;
  keywords: string[];
  items: string[];
  provider: GeneratedProvider;
  catalogClass: CatalogClass;
  area: BaseArea | ThemeArea | null;
  shareType: ShareType;
  formatCategory: FormatCategory;
  concreteFormat: string;
  updateCycle: UpdateCycle;
  openToPublic: boolean;
  status: 'published' | 'draft' | 'submitted' | 'withdrawn';
  publishDate: string | null;
}

export interface GeneratedProvider {
  /** Stable key, e.g. `411300-police`. */
  key: string;
  name: string;
  jurisdictionName: string;
  jurisdictionPath: string;
}

interface Subject {
  name: string;
  keywords: string[];
  items: string[];
  area: BaseArea | ThemeArea | null;
  catalogClass: CatalogClass;
}

interface Duty {
  key: string;
  /** Department name after the jurisdiction's name. */
  office: string;
  subjects: Subject[];
}

const PERSON = ['公民身份号码', '姓名', '性别', '民族', '出生日期'];
const LEGAL = ['统一社会信用代码', '单位名称', '法定代表人', '住所'];
const LICENCE = ['证照编号', '证照类型', '持证主体', '发证机关', '有效期起始日期', '有效期截止日期'];

const s = (
  name: string,
  keywords: string[],
  items: string[],
  catalogClass: CatalogClass = 'department',
  area: BaseArea | ThemeArea | null = null,
): Subject => ({ name, keywords, items, catalogClass, area });

const DUTIES: Duty[] = [
  {
    key: 'police',
    office: '公安局',
    subjects: [
      s(
        '常住人口登记信息',
        ['户籍', '人口'],
        [...PERSON, '户籍地址', '户号', '与户主关系'],
        'base',
        'population',
      ),
      s(
        '户籍迁移登记信息',
        ['户籍', '迁移'],
        [...PERSON, '迁出地', '迁入地', '迁移日期'],
        'base',
        'population',
      ),
      s('居民身份证办理信息', ['身份证', '证件'], [...PERSON, '签发机关', '有效期限']),
      s('流动人口居住登记信息', ['流动人口', '居住证'], [...PERSON, '居住地址', '登记日期']),
      s('机动车驾驶证电子证照', ['电子证照', '驾驶证'], [...LICENCE, '准驾车型'], 'base', 'e_licence'),
    ],
  },
  {
    key: 'market',
    office: '市场监督管理局',
    subjects: [
      s(
        '企业登记信息',
        ['企业', '市场主体'],
        [...LEGAL, '注册资本', '成立日期', '经营范围'],
        'base',
        'legal_person',
      ),
      s('个体工商户登记信息', ['个体工商户', '市场主体'], ['经营者姓名', '字号名称', '经营场所', '组成形式']),
      s('营业执照电子证照', ['电子证照', '营业执照'], [...LICENCE, '统一社会信用代码'], 'base', 'e_licence'),
      s(
        '食品经营许可证信息',
        ['食品安全', '许可'],
        [...LEGAL, '许可证编号', '经营项目'],
        'theme',
        'food_drug_safety',
      ),
      s(
        '经营异常名录信息',
        ['信用', '经营异常名录'],
        [...LEGAL, '列入原因', '列入日期'],
        'theme',
        'credit_system',
      ),
    ],
  },
  {
    key: 'hrss',
    office: '人力资源和社会保障局',
    subjects: [
      s(
        '社会保险参保信息',
        ['社保', '参保'],
        [...PERSON, '参保险种', '参保状态', '参保日期'],
        'theme',
        'social_security',
      ),
      s('养老保险缴费信息', ['社保', '养老保险'], ['公民身份号码', '缴费基数', '缴费月份', '缴费金额']),
      s('职业资格证书信息', ['职业资格', '证书'], [...PERSON, '证书编号', '职业名称', '等级']),
      s('社会保障卡电子证照', ['电子证照', '社会保障卡'], [...LICENCE, '社会保障号码'], 'base', 'e_licence'),
    ],
  },
  {
    key: 'medical',
    office: '医疗保障局',
    subjects: [
      s('医保参保信息', ['医保', '参保'], [...PERSON, '医保类别', '参保状态'], 'theme', 'health'),
      s('医疗费用结算信息', ['医保', '结算'], ['公民身份号码', '就诊机构', '结算日期', '统筹支付金额']),
    ],
  },
  {
    key: 'fund',
    office: '住房公积金管理中心',
    subjects: [
      s('住房公积金缴存信息', ['公积金', '缴存'], [...PERSON, '单位名称', '缴存基数', '月缴存额']),
      s('公积金贷款信息', ['公积金', '贷款'], ['公民身份号码', '贷款金额', '贷款期限', '还款状态']),
    ],
  },
  {
    key: 'land',
    office: '自然资源和规划局',
    subjects: [
      s(
        '不动产登记信息',
        ['不动产', '登记'],
        ['不动产单元号', '权利人', '坐落', '面积', '用途'],
        'base',
        'real_estate',
      ),
      s(
        '国土空间规划信息',
        ['规划', '国土空间规划'],
        ['规划编号', '规划名称', '批复日期'],
        'base',
        'natural_resources_geography',
      ),
      s(
        '基础测绘成果信息',
        ['测绘成果', '地理信息'],
        ['成果名称', '比例尺', '坐标系'],
        'base',
        'natural_resources_geography',
      ),
    ],
  },
  {
    key: 'civil',
    office: '民政局',
    subjects: [
      s(
        '婚姻登记信息',
        ['婚姻登记', '民政'],
        ['男方姓名', '女方姓名', '登记日期', '登记类型'],
        'base',
        'population',
      ),
      s(
        '社会组织登记信息',
        ['社会组织', '登记'],
        [...LEGAL, '业务主管单位', '登记类型'],
        'base',
        'legal_person',
      ),
      s(
        '最低生活保障对象信息',
        ['低保', '救助'],
        [...PERSON, '保障人数', '保障金额'],
        'theme',
        'social_security',
      ),
    ],
  },
  {
    key: 'health',
    office: '卫生健康委员会',
    subjects: [
      s(
        '出生医学证明信息',
        ['出生', '医学证明'],
        ['新生儿姓名', '出生日期', '母亲公民身份号码', '出生地点'],
        'theme',
        'health',
      ),
      s(
        '疫苗接种信息',
        ['疫苗接种', '健康'],
        [...PERSON, '疫苗名称', '接种日期', '接种单位'],
        'theme',
        'health',
      ),
      s('医疗机构执业许可信息', ['医疗机构', '许可'], [...LEGAL, '执业许可证号', '诊疗科目']),
    ],
  },
  {
    key: 'tax',
    office: '税务局',
    subjects: [
      s('纳税人登记信息', ['纳税人', '税务'], [...LEGAL, '纳税人识别号', '登记日期'], 'base', 'legal_person'),
      s(
        '纳税信用等级信息',
        ['纳税信用', '信用'],
        [...LEGAL, '信用等级', '评价年度'],
        'base',
        'social_credit',
      ),
    ],
  },
  {
    key: 'education',
    office: '教育局',
    subjects: [
      s('中小学学籍信息', ['学籍', '教育'], [...PERSON, '学籍号', '学校名称', '年级']),
      s('教师资格证书信息', ['教师资格', '证书'], [...PERSON, '证书编号', '任教学科']),
    ],
  },
  {
    key: 'development',
    office: '发展和改革委员会',
    subjects: [
      s(
        '行政许可和行政处罚信息',
        ['双公示', '信用'],
        [...LEGAL, '决定文书号', '决定日期'],
        'base',
        'social_credit',
      ),
      s(
        '失信被执行人名单信息',
        ['失信', '信用'],
        ['被执行人名称', '统一社会信用代码', '执行法院'],
        'base',
        'social_credit',
      ),
    ],
  },
  {
    key: 'data',
    office: '政务服务和大数据管理局',
    subjects: [
      s('电子证照目录信息', ['电子证照', '证照目录'], [...LICENCE, '证照名称'], 'base', 'e_licence'),
      s(
        '政务服务事项办件信息',
        ['政务服务', '一网通办'],
        ['办件编号', '事项名称', '申请人', '办结日期'],
        'theme',
        'public_service',
      ),
    ],
  },
  {
    key: 'emergency',
    office: '应急管理局',
    subjects: [
      s(
        '安全生产许可证信息',
        ['安全生产', '许可'],
        [...LEGAL, '许可证编号', '许可范围'],
        'theme',
        'work_safety',
      ),
      s(
        '危险化学品经营许可信息',
        ['危险化学品', '许可'],
        [...LEGAL, '许可证编号', '经营品种'],
        'theme',
        'work_safety',
      ),
    ],
  },
  {
    key: 'ecology',
    office: '生态环境局',
    subjects: [
      s('排污许可证信息', ['排污许可', '环境'], [...LEGAL, '许可证编号', '主要污染物'], 'theme', 'ecology'),
      s(
        '环境质量监测信息',
        ['环境监测', '空气质量'],
        ['监测站点', '监测时间', '监测指标', '监测值'],
        'theme',
        'ecology',
      ),
    ],
  },
];

const JURISDICTIONS = [
  { name: '南阳市', path: '/410000/411300/' },
  { name: '内乡县', path: '/410000/411300/411325/' },
  { name: '镇平县', path: '/410000/411300/411324/' },
  { name: '广州市', path: '/440000/440100/' },
  { name: '天河区', path: '/440000/440100/440106/' },
  { name: '越秀区', path: '/440000/440100/440104/' },
  { name: '连云港市', path: '/320000/320700/' },
  { name: '海州区', path: '/320000/320700/320706/' },
  { name: '肥城市', path: '/370000/370900/370983/' },
  { name: '呼和浩特市', path: '/150000/150100/' },
  { name: '赛罕区', path: '/150000/150100/150105/' },
  { name: '泰安市', path: '/370000/370900/' },
];

const VARIANTS = [
  '',
  '',
  '',
  '（历史数据）',
  '变更记录',
  '注销记录',
  '查询接口',
  '核验接口',
  '统计汇总',
  '明细',
];
const YEARS = ['', '', '', '2021年', '2022年', '2023年', '2024年', '2025年'];
const PURPOSES = [
  '政务服务办理',
  '行政审批',
  '监管执法',
  '公共信用评价',
  '社会救助审核',
  '统计分析',
  '便民服务',
];
const FORMATS: [FormatCategory, string][] = [
  ['database', 'MySQL'],
  ['database', '达梦 DM8'],
  ['service_interface', 'REST API'],
  ['spreadsheet', 'xlsx'],
  ['electronic_file', 'OFD'],
  ['self_describing', 'JSON'],
];
const CYCLES: UpdateCycle[] = ['real_time', 'daily', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'];
const CYCLE_WORDS: Record<UpdateCycle, string> = {
  real_time: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
  other: '不定期',
};

/** mulberry32: a small seeded generator, so the catalog is the same for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every provider department of the generated catalog: each duty in each jurisdiction. */
export function generatedProviders(): GeneratedProvider[] {
  return JURISDICTIONS.flatMap((j) =>
    DUTIES.map((duty) => ({
      key: `${j.path.split('/').at(-2)}-${duty.key}`,
      name: `${j.name}${duty.office}`,
      jurisdictionName: j.name,
      jurisdictionPath: j.path,
    })),
  );
}

/**
 * `count` catalog entries, spread over the providers in turn (all of them unless given). About
 * nine in ten are published; the rest are drafts, submissions and withdrawals, so that
 * visibility has something to hide.
 */
export function* generateCatalog(
  count: number,
  options: { seed?: number; providers?: GeneratedProvider[] } = {},
): Generator<GeneratedEntry> {
  const next = random(options.seed ?? 20261121);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const providers = options.providers ?? generatedProviders();
  for (let n = 0; n < count; n++) {
    const provider = providers[n % providers.length] as GeneratedProvider;
    const duty = DUTIES.find((d) => provider.key.endsWith(`-${d.key}`)) as Duty;
    const subject = pick(duty.subjects);
    const year = pick(YEARS);
    const variant = pick(VARIANTS);
    const name = `${year}${provider.jurisdictionName}${subject.name}${variant}`;
    const [category, concrete] = pick(FORMATS);
    const cycle = pick(CYCLES);
    const items = subject.items.filter(() => next() > 0.15);
    const shareType: ShareType = next() < 0.6 ? 'unconditional' : next() < 0.8 ? 'conditional' : 'not_shared';
    const roll = next();
    const status =
      roll < 0.88 ? 'published' : roll < 0.94 ? 'draft' : roll < 0.98 ? 'submitted' : 'withdrawn';
    const published = status === 'published' || status === 'withdrawn';
    const day = 1 + Math.floor(next() * 1500);
    yield {
      name,
      summary: `${provider.name}负责汇集的${provider.jurisdictionName}${subject.name}，包括${items.slice(0, 4).join('、')}等信息项，${CYCLE_WORDS[cycle]}更新，主要用于${pick(PURPOSES)}。`,
      keywords: subject.keywords,
      items: items.length > 0 ? items : subject.items.slice(0, 1),
      provider,
      catalogClass: subject.catalogClass,
      area: subject.area,
      shareType: subject.catalogClass === 'base' ? 'unconditional' : shareType,
      formatCategory: category,
      concreteFormat: concrete,
      updateCycle: cycle,
      openToPublic: shareType === 'unconditional' && next() < 0.3,
      status,
      publishDate: published ? new Date(Date.UTC(2021, 0, day)).toISOString().slice(0, 10) : null,
    };
  }
}
