import { describe, expect, it } from 'vitest';
import { diffContents, reductionsOf } from './diff.js';
import { conditionalContent, item, sampleContent, sampleDocumentation } from './test-support/content.js';

describe('R11 diff and reductions between versions', () => {
  it('matches items by name and reports field changes', () => {
    const before = sampleContent();
    const after = sampleContent({
      items: [...structuredClone(before.items.slice(1)), item({ name: '民族', length: 20 })],
      keywords: ['户籍', '人口库'],
    });
    (after.items[0] as (typeof after.items)[number]).length = 60;
    expect(diffContents(before, after)).toEqual([
      { path: 'keywords', kind: 'removed', before: '人口' },
      { path: 'keywords', kind: 'added', after: '人口库' },
      { path: 'items[公民身份号码]', kind: 'removed', before: before.items[0] },
      { path: 'items[姓名].length', kind: 'changed', before: 50, after: 60 },
      { path: 'items[民族]', kind: 'added', after: after.items[3] },
    ]);
    expect(reductionsOf(before, after)).toEqual(['item_removed:公民身份号码']);
  });

  it('tightened share types, removed methods and closing to the public are reductions; loosening is not', () => {
    const before = conditionalContent({
      share: { ...conditionalContent().share, methods: ['platform_interface', 'mail'] },
      open: { toPublic: true },
    });
    const after = conditionalContent({
      share: { ...conditionalContent().share, type: 'not_shared', methods: ['platform_interface'] },
      open: { toPublic: false },
    });
    (after.items[1] as (typeof after.items)[number]).shareType = 'not_shared';
    expect(reductionsOf(before, after)).toEqual([
      'share_type_tightened:conditional->not_shared',
      'item_share_tightened:参保状态',
      'method_removed:mail',
      'open_closed',
    ]);
    expect(reductionsOf(after, before)).toEqual([]);
  });

  it('R73 a changed, added or removed procedure is a change; a blank one is none', () => {
    const before = sampleContent({ documentation: sampleDocumentation({ publication: '' }) });
    const after = sampleContent({
      documentation: { ...sampleDocumentation({ collection: '窗口受理后录入' }), maintenance: undefined },
    });
    expect(diffContents(before, after)).toEqual([
      {
        path: 'documentation.collection',
        kind: 'changed',
        before: sampleDocumentation().collection,
        after: '窗口受理后录入',
      },
      { path: 'documentation.publication', kind: 'added', after: sampleDocumentation().publication },
      { path: 'documentation.maintenance', kind: 'removed', before: sampleDocumentation().maintenance },
    ]);
    expect(reductionsOf(before, after)).toEqual([]);
  });

  it('an identical version has no changes', () => {
    expect(diffContents(sampleContent(), sampleContent())).toEqual([]);
  });
});
