import { describe, expect, it } from 'vitest';
import { fieldPath } from '../src/api/client.ts';
import { formatValue, itemLabel, keyNumbers, profileHead, profileNumbers } from '../src/lib/profile.ts';
import { isValidUscc, usccCheckCharacter } from '../src/lib/uscc.ts';

describe('统一社会信用代码 check (GB 32100)', () => {
  it('accepts codes whose check character matches, refuses the rest', () => {
    expect(isValidUscc('11990100010234564W')).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('11990100010234564X')).toBe(false);
    expect(isValidUscc('1199010001023456')).toBe(false);
    // I, O, Z, S, V are not in the alphabet
    expect(isValidUscc('11990100010234564O')).toBe(false);
    expect(usccCheckCharacter('11990100010234564')).toBe('W');
  });
});

describe('API error fields', () => {
  it('maps a JSON pointer to the form field path', () => {
    expect(fieldPath('/body/uscc')).toEqual(['uscc']);
    expect(fieldPath('/body/roles/0')).toEqual(['roles', '0']);
    expect(fieldPath('/body')).toBeUndefined();
    expect(fieldPath(undefined)).toBeUndefined();
  });
});

describe('policy profile walker', () => {
  const profile = {
    id: 'sample',
    name: { zh: '示例办法', en: 'Sample rules' },
    jurisdiction: { zh: '示范市', en: 'Demo City', level: 'city' },
    inForce: { value: { from: '2020-01-01', until: null }, article: 'Art.30', text: '自公布之日起施行' },
    caveats: ['check the text'],
    deadlines: {
      reply: { value: 10, unit: 'working_days', qualifier: 'fixed', article: 'Art.12', text: '十个工作日' },
      coordination: { value: null, unit: 'working_days', qualifier: 'timely', article: null, text: '及时' },
    },
    features: { snapshots: { value: true, article: 'Art.20', text: '快照' } },
  };

  it('finds every cited leaf, wherever it sits', () => {
    const numbers = profileNumbers(profile);
    expect(numbers.map((n) => n.path.join('.'))).toEqual([
      'inForce',
      'deadlines.reply',
      'deadlines.coordination',
      'features.snapshots',
    ]);
    expect(keyNumbers(numbers, 6).map((n) => n.path.join('.'))).toEqual([
      'deadlines.reply',
      'deadlines.coordination',
    ]);
  });

  it('reads the head and writes values in the reader’s language', () => {
    expect(profileHead(profile, false)).toMatchObject({
      name: '示例办法',
      jurisdiction: '示范市',
      from: '2020-01-01',
    });
    expect(profileHead(profile, true).name).toBe('Sample rules');
    const [, reply, coordination, snapshots] = profileNumbers(profile);
    expect(formatValue(reply!, false)).toBe('10 个工作日');
    expect(formatValue(reply!, true)).toBe('10 working days');
    expect(formatValue(coordination!, false)).toBe('及时');
    expect(formatValue(snapshots!, true)).toBe('yes');
    // Item names are the platform's own (src/platform/profiles/labels.ts), as the CLI shows them.
    expect(itemLabel(['deadlines', 'reply'], false)).toBe('有条件共享申请的答复期限');
    expect(itemLabel(['features', 'providerConflictHandling'], true)).toBe('Source conflicts');
    expect(itemLabel(['catalogPreparation', 'grading'], false)).toBe('目录须标明数据分类分级');
  });
});
