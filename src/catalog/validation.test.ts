import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors/index.js';
import { loadProfile } from '../platform/profiles/index.js';
import type { EntryContent } from './model.js';
import { conditionalContent, item, sampleContent } from './test-support/content.js';
import { assertValid, pointerToPath, type ValidationContext, validateEntryContent } from './validation.js';

const national = loadProfile('national');
const innerMongolia = loadProfile('inner-mongolia');
const feicheng = loadProfile('feicheng');
const guangzhou = loadProfile('guangzhou');

const submit = (
  profile = national,
  networkZone: 'external' | 'internal' = 'external',
): ValidationContext => ({
  stage: 'submit',
  profile,
  networkZone,
});
const draft = (profile = national, networkZone: 'external' | 'internal' = 'external'): ValidationContext => ({
  stage: 'draft',
  profile,
  networkZone,
});

const codesOf = (content: unknown, ctx: ValidationContext) =>
  validateEntryContent(content, ctx).map((i) => [i.code, i.field]);

interface Case {
  title: string;
  ctx: ValidationContext;
  content: () => unknown;
  /** Every issue expected, as [code, field]; empty: valid. */
  expected: [string, string][];
}

const without = <T extends object>(value: T, key: keyof T): T => {
  const copy = structuredClone(value);
  delete copy[key];
  return copy;
};

const CASES: Case[] = [
  {
    title: 'R05 a complete base entry passes submission',
    ctx: submit(),
    content: sampleContent,
    expected: [],
  },
  {
    title: 'R05 a conditional entry with basis passes',
    ctx: submit(),
    content: conditionalContent,
    expected: [],
  },
  {
    title: 'R04 a required field missing names the field (draft)',
    ctx: draft(),
    content: () => without(sampleContent(), 'summary'),
    expected: [['CATALOG_FIELD_REQUIRED', 'summary']],
  },
  {
    title: 'R04 a nested missing field names its path',
    ctx: draft(),
    content: () => ({ ...sampleContent(), format: { category: 'database' } }),
    expected: [['CATALOG_FIELD_REQUIRED', 'format.concrete']],
  },
  {
    title: 'R05 a data type outside the guide codes is refused with its path',
    ctx: draft(),
    content: () => {
      const c = sampleContent() as unknown as { items: { dataType: string }[] };
      (c.items[2] as { dataType: string }).dataType = 'X';
      return c;
    },
    expected: [['CATALOG_FIELD_INVALID', 'items[2].dataType']],
  },
  {
    title: 'R05 unknown fields are refused',
    ctx: draft(),
    content: () => ({ ...sampleContent(), colour: 'red' }),
    expected: [['CATALOG_FIELD_INVALID', 'colour']],
  },
  {
    title: 'R04 a draft may leave summary and items empty',
    ctx: draft(),
    content: () =>
      sampleContent({ summary: '', items: [], share: { type: 'not_shared', methods: [], legalBasis: [] } }),
    expected: [],
  },
  {
    title: 'R04 submission requires summary, format, items and share methods',
    ctx: submit(),
    content: () =>
      sampleContent({
        summary: ' ',
        format: { category: 'database', concrete: '' },
        items: [],
        share: { type: 'unconditional', methods: [], legalBasis: [] },
      }),
    expected: [
      ['CATALOG_FIELD_REQUIRED', 'summary'],
      ['CATALOG_FIELD_REQUIRED', 'format.concrete'],
      ['CATALOG_FIELD_REQUIRED', 'items'],
      ['CATALOG_FIELD_REQUIRED', 'share.methods'],
    ],
  },
  {
    title: 'R04 update cycle "other" needs its note',
    ctx: submit(),
    content: () => sampleContent({ updateCycle: 'other' }),
    expected: [['CATALOG_FIELD_REQUIRED', 'updateCycleNote']],
  },
  {
    title: 'R05 C/N/Y/B/F items need a length',
    ctx: submit(),
    content: () =>
      sampleContent({ items: [item({ name: '金额', dataType: 'Y', length: undefined as never })] }),
    expected: [['CATALOG_FIELD_REQUIRED', 'items[0].length']],
  },
  {
    title: 'R23 base items of a base resource must be unconditional (item type)',
    ctx: submit(innerMongolia),
    content: () => {
      const c = sampleContent();
      c.share.legalBasis = [{ kind: 'law', title: '《居民身份证法》', article: '第十九条' }];
      (c.items[1] as EntryContent['items'][number]).shareType = 'conditional';
      c.share.conditions = undefined;
      return c;
    },
    expected: [['CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', 'items[1].shareType']],
  },
  {
    title: 'R23 base items of a base resource must be unconditional (resource type)',
    ctx: submit(),
    content: () =>
      sampleContent({
        share: {
          type: 'conditional',
          conditions: '仅限公安机关',
          methods: ['platform_interface'],
          legalBasis: [{ kind: 'law', title: '《居民身份证法》', article: '第十九条' }],
        },
      }),
    expected: [
      ['CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', 'share.type'],
      ['CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', 'share.type'],
      ['CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', 'share.type'],
    ],
  },
  {
    title: 'R20 a not-shared entry without legal basis cannot be submitted',
    ctx: submit(),
    content: () => conditionalContent({ share: { type: 'not_shared', methods: [], legalBasis: [] } }),
    expected: [['CATALOG_LEGAL_BASIS_REQUIRED', 'share.legalBasis']],
  },
  {
    title:
      'R20 a conditional entry without legal basis cannot be submitted where the profile says so (Inner Mongolia)',
    ctx: submit(innerMongolia),
    content: () =>
      conditionalContent({
        share: { type: 'conditional', conditions: '仅限审核', methods: ['platform_file'], legalBasis: [] },
      }),
    expected: [['CATALOG_LEGAL_BASIS_REQUIRED', 'share.legalBasis']],
  },
  {
    title:
      'R20 a conditional entry needs no basis where the profile requires it only for not-shared (Feicheng)',
    ctx: submit(feicheng),
    content: () =>
      conditionalContent({
        share: { type: 'conditional', conditions: '仅限审核', methods: ['platform_file'], legalBasis: [] },
      }),
    expected: [],
  },
  {
    title: "R20 an item's own not-shared type needs a basis too",
    ctx: submit(),
    content: () =>
      sampleContent({
        classification: { catalog: 'department', category: '002' },
        items: [item({ name: '病史', length: 200, shareType: 'not_shared' })],
      }),
    expected: [['CATALOG_LEGAL_BASIS_REQUIRED', 'share.legalBasis']],
  },
  {
    title: 'R20 kinds of basis come from the profile (Feicheng refuses a policy)',
    ctx: submit(feicheng),
    content: () =>
      conditionalContent({
        share: {
          type: 'not_shared',
          methods: [],
          legalBasis: [{ kind: 'policy', title: '某政策', article: '第三条' }],
        },
      }),
    expected: [['CATALOG_LEGAL_BASIS_KIND_NOT_ALLOWED', 'share.legalBasis[0].kind']],
  },
  {
    title: 'R20 a basis names its instrument and article',
    ctx: submit(),
    content: () =>
      conditionalContent({
        share: { type: 'not_shared', methods: [], legalBasis: [{ kind: 'law', title: '', article: '' }] },
      }),
    expected: [
      ['CATALOG_FIELD_REQUIRED', 'share.legalBasis[0].title'],
      ['CATALOG_FIELD_REQUIRED', 'share.legalBasis[0].article'],
    ],
  },
  {
    title: 'R20 a profile that names no kinds accepts any (Guangzhou)',
    ctx: submit(guangzhou),
    content: () =>
      conditionalContent({
        share: {
          type: 'not_shared',
          methods: [],
          legalBasis: [{ kind: 'other', title: '内部规定', article: '第一条' }],
        },
      }),
    expected: [],
  },
  {
    title: 'R19 conditional sharing states its conditions',
    ctx: submit(),
    content: () =>
      conditionalContent({
        share: {
          type: 'conditional',
          methods: ['platform_interface'],
          legalBasis: [{ kind: 'law', title: '《社会保险法》', article: '第八十一条' }],
        },
      }),
    expected: [['CATALOG_SHARE_CONDITIONS_REQUIRED', 'share.conditions']],
  },
  {
    title: 'R19 an item may only be stricter than the resource',
    ctx: submit(),
    content: () => {
      const c = conditionalContent();
      (c.items[1] as EntryContent['items'][number]).shareType = 'unconditional';
      return c;
    },
    expected: [['CATALOG_ITEM_SHARE_LOOSER', 'items[1].shareType']],
  },
  {
    title: 'R05 a key item names its identifier kind',
    ctx: submit(),
    content: () => sampleContent({ items: [item({ name: '统一社会信用代码', length: 18, isKey: true })] }),
    expected: [['CATALOG_KEY_KIND_REQUIRED', 'items[0].keyKind']],
  },
  {
    title: 'R05 item names are unique',
    ctx: submit(),
    content: () => sampleContent({ items: [item({ name: '姓名' }), item({ name: '姓名 ' })] }),
    expected: [['CATALOG_DUPLICATE_ITEM_NAME', 'items[1].name']],
  },
  {
    title: 'R24 a base or theme entry names its area (draft too: the code depends on it)',
    ctx: draft(),
    content: () => sampleContent({ classification: { catalog: 'theme', category: '001' } }),
    expected: [['CATALOG_AREA_REQUIRED', 'classification.area']],
  },
  {
    title: 'R25 base areas come from the profile (Feicheng has no social credit base)',
    ctx: draft(feicheng),
    content: () =>
      sampleContent({ classification: { catalog: 'base', area: 'social_credit', category: '001' } }),
    expected: [['CATALOG_AREA_NOT_IN_PROFILE', 'classification.area']],
  },
  {
    title: 'R24 a theme entry takes a theme area',
    ctx: draft(),
    content: () =>
      sampleContent({ classification: { catalog: 'theme', area: 'population', category: '001' } }),
    expected: [['CATALOG_AREA_NOT_IN_PROFILE', 'classification.area']],
  },
  {
    title: 'R97 an external instance refuses a classified entry already as a draft',
    ctx: draft(national, 'external'),
    content: () => sampleContent({ classified: true }),
    expected: [['CATALOG_CLASSIFIED_ON_EXTERNAL', 'classified']],
  },
  {
    title: 'R97 an internal instance accepts a classified entry',
    ctx: submit(innerMongolia, 'internal'),
    content: () => sampleContent({ classified: true }),
    expected: [],
  },
  {
    title: 'R97 Guangzhou forbids classified information on the platform even internally',
    ctx: draft(guangzhou, 'internal'),
    content: () => sampleContent({ classified: true }),
    expected: [['CATALOG_CLASSIFIED_FORBIDDEN', 'classified']],
  },
  {
    title: 'R109 a classified entry is not open to the public',
    ctx: submit(national, 'internal'),
    content: () => sampleContent({ classified: true, open: { toPublic: true } }),
    expected: [['CATALOG_CLASSIFIED_OPEN', 'open.toPublic']],
  },
  {
    title: 'R05 related codes follow the resource code pattern',
    ctx: draft(),
    content: () => sampleContent({ relatedCodes: ['101001-000001'] }),
    expected: [['CATALOG_FIELD_INVALID', 'relatedCodes[0]']],
  },
  {
    title: 'R05 related codes must exist in the catalog',
    ctx: { ...submit(), knownCodes: new Set(['101001/000001']) },
    content: () => sampleContent({ relatedCodes: ['101001/000001', '101001/000002'] }),
    expected: [['CATALOG_RELATED_CODE_UNKNOWN', 'relatedCodes[1]']],
  },
];

describe('catalog entry validation', () => {
  for (const c of CASES) {
    it(`${c.title} [${c.ctx.stage}]`, () => {
      expect(codesOf(c.content(), c.ctx)).toEqual(c.expected);
    });
  }

  it('R05 every issue carries a message in zh-CN and en', () => {
    const [issue] = validateEntryContent(without(sampleContent(), 'summary'), draft());
    expect(issue?.message.zh).toContain('summary');
    expect(issue?.message.zh).toMatch(/必填/);
    expect(issue?.message.en).toMatch(/Required/);
  });

  it('R04 a draft stage ignores rules that only submission checks', () => {
    const content = conditionalContent({ share: { type: 'not_shared', methods: [], legalBasis: [] } });
    expect(validateEntryContent(content, draft())).toEqual([]);
    expect(validateEntryContent(content, submit())).toHaveLength(1);
  });

  it('R20 refusal is the first rule with its own code and field, carrying every issue', () => {
    const issues = validateEntryContent(
      conditionalContent({ summary: '', share: { type: 'not_shared', methods: [], legalBasis: [] } }),
      submit(),
    );
    expect(issues.map((i) => i.code)).toEqual(['CATALOG_FIELD_REQUIRED', 'CATALOG_LEGAL_BASIS_REQUIRED']);
    try {
      assertValid(issues);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CATALOG_FIELD_REQUIRED');
      expect((error as AppError).field).toBe('summary');
      expect((error as AppError).params.issues).toHaveLength(2);
    }
  });

  it('R05 JSON pointers become editor paths', () => {
    expect(pointerToPath('/items/2/dataType')).toBe('items[2].dataType');
    expect(pointerToPath('/share/legalBasis/0/kind')).toBe('share.legalBasis[0].kind');
    expect(pointerToPath('')).toBe('');
  });

  it('R05 content that is not an object is refused', () => {
    expect(codesOf('text', draft())).toEqual([['CATALOG_FIELD_INVALID', 'content']]);
  });
});
