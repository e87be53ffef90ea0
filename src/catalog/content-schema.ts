import { type TSchema, Type } from '@sinclair/typebox';
import {
  BASE_AREAS,
  CATALOG_CLASSES,
  DATA_CLASSES,
  DATA_TYPES,
  FORMAT_CATEGORIES,
  KEY_KINDS,
  LEGAL_BASIS_KINDS,
  RESOURCE_CODE_PATTERN,
  SHARE_METHODS,
  SHARE_TYPES,
  THEME_AREAS,
  UPDATE_CYCLES,
} from './model.js';

const strict = { additionalProperties: false } as const;

function OneOf(values: readonly string[], description: string): TSchema {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
}

/** Text a draft may leave empty; submission requires it filled (CATALOG_FIELD_REQUIRED). */
const Text = (maxLength: number, description: string) => Type.String({ maxLength, description });

export const AREAS = [...new Set([...Object.keys(BASE_AREAS), ...Object.keys(THEME_AREAS)])];

export const ClassificationSchema = Type.Object(
  {
    catalog: OneOf(CATALOG_CLASSES, '目录类别 基础/主题/部门 / catalog class'),
    area: Type.Optional(OneOf(AREAS, '基础或主题领域（项）/ base or thematic area')),
    category: Type.String({ pattern: '^\\d{3}$', description: '目（3 位数字）/ category, three digits' }),
    subcategory: Type.Optional(
      Type.String({ pattern: '^\\d{1,6}$', description: '细目（数字，可选）/ subcategory digits' }),
    ),
  },
  strict,
);

export const InformationItemSchema = Type.Object(
  {
    name: Text(100, '信息项名称 / item name'),
    dataType: OneOf(DATA_TYPES, '数据类型 / data type (C N Y D T L M G B I F)'),
    length: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: '长度 / length' })),
    isKey: Type.Boolean({ description: '是否关键项 / whether records are looked up by it' }),
    keyKind: Type.Optional(OneOf(KEY_KINDS, '标识类型 / identifier kind')),
    personal: Type.Boolean({ description: '是否个人信息 / personal information' }),
    base: Type.Optional(Type.Boolean({ description: '基础信息项 / base information item' })),
    shareType: Type.Optional(OneOf(SHARE_TYPES, '信息项共享类型（只能更严格）/ item share type')),
  },
  strict,
);

export const LegalBasisSchema = Type.Object(
  {
    kind: OneOf(LEGAL_BASIS_KINDS, '依据类型 / kind of basis'),
    title: Text(200, '文件名称 / instrument'),
    article: Text(100, '条款 / article'),
  },
  strict,
);

/**
 * The shape of `EntryContent` (model.ts): types, code lists and lengths. A draft must have this
 * shape; whether it is complete and lawful is what the submission rules decide.
 */
export const EntryContentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: '信息资源名称 / resource name' }),
    classification: ClassificationSchema,
    summary: Text(2000, '信息资源摘要 / summary'),
    format: Type.Object(
      {
        category: OneOf(FORMAT_CATEGORIES, '信息资源格式分类 / format category'),
        concrete: Text(50, '具体格式 / concrete format (OFD, xlsx, MySQL, REST…)'),
      },
      strict,
    ),
    updateCycle: OneOf(UPDATE_CYCLES, '更新周期 / update cycle'),
    updateCycleNote: Type.Optional(Text(200, '更新周期说明 / note when the cycle is other')),
    relatedCodes: Type.Array(
      Type.String({ pattern: RESOURCE_CODE_PATTERN, description: '关联资源代码 / related resource code' }),
      { maxItems: 50 },
    ),
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), {
      maxItems: 20,
      description: '关键字 / keywords',
    }),
    items: Type.Array(InformationItemSchema, { maxItems: 1000, description: '信息项 / information items' }),
    share: Type.Object(
      {
        type: OneOf(SHARE_TYPES, '共享类型 / share type'),
        conditions: Type.Optional(Text(1000, '共享条件 / share conditions')),
        methods: Type.Array(OneOf(SHARE_METHODS, '共享方式 / share method'), {
          maxItems: SHARE_METHODS.length,
          uniqueItems: true,
        }),
        legalBasis: Type.Array(LegalBasisSchema, { maxItems: 20, description: '共享依据 / legal basis' }),
      },
      strict,
    ),
    open: Type.Object(
      {
        toPublic: Type.Boolean({ description: '是否向社会开放 / open to the public' }),
        conditions: Type.Optional(Text(1000, '开放条件 / open conditions')),
        basis: Type.Optional(
          Type.Union([Type.Literal('provider_consent'), Type.Literal('disclosure_scope')], {
            description:
              '开放依据：提供部门同意 / 属于政府信息公开范围 — open basis: provider consent / disclosure scope',
          }),
        ),
      },
      strict,
    ),
    classified: Type.Boolean({ description: '是否涉密 / classified' }),
    grading: Type.Optional(
      Type.Object(
        {
          dataClass: OneOf(DATA_CLASSES, '数据分类分级：核心数据/重要数据/一般数据 / data class'),
          level: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 20,
              description: '一般数据的级别 / level of general data',
            }),
          ),
        },
        { ...strict, description: '数据分类分级（条例第十三条）/ data classification and grading' },
      ),
    ),
    documentation: Type.Optional(
      Type.Object(
        {
          collectionBasis: Type.Optional(
            Text(2000, '采集依据：据以采集该信息的法律法规或法定职责 / collection basis: the law or duty'),
          ),
          collection: Type.Optional(Text(2000, '采集规范和程序 / collection norms and procedures')),
          publication: Type.Optional(Text(2000, '发布规范和程序 / publication norms and procedures')),
          maintenance: Type.Optional(Text(2000, '维护规范和程序 / maintenance norms and procedures')),
        },
        {
          ...strict,
          description:
            '数据文档：采集依据及信息收集、发布、维护的规范和程序 / dataset documentation: collection basis and procedures (R73)',
        },
      ),
    ),
  },
  { ...strict, description: '目录条目内容（国家目录编制指南核心元数据）/ catalog entry content' },
);
