import { describe, expect, it } from 'vitest';
import { sealTypeOf } from './seal-type.js';

const entry = (
  catalog: 'base' | 'theme' | 'department',
  area: string | undefined,
  category: string,
  concrete: string,
) =>
  ({
    classification: { catalog, ...(area ? { area } : {}) },
    format: { category, concrete },
  }) as Parameters<typeof sealTypeOf>[0];

describe('R106 which entries are 文书类 or 证照类 (sealed records)', () => {
  it('the base catalog’s 电子证照 area is licence type, whatever its format', () => {
    expect(sealTypeOf(entry('base', 'e_licence', 'database', 'MySQL'))).toBe('licence');
    expect(sealTypeOf(entry('base', 'e_licence', 'electronic_file', 'OFD'))).toBe('licence');
  });

  it('an electronic file in a document format is document type; other formats and categories are not', () => {
    for (const concrete of ['OFD', 'pdf', 'OFD/PDF', 'docx、wps', ' Word (DOC) '])
      expect(sealTypeOf(entry('department', undefined, 'electronic_file', concrete)), concrete).toBe(
        'document',
      );
    for (const concrete of ['', 'xlsx', 'JPEG', 'pdfa', 'ofdx'])
      expect(sealTypeOf(entry('department', undefined, 'electronic_file', concrete)), concrete).toBeNull();
    expect(sealTypeOf(entry('department', undefined, 'spreadsheet', 'PDF'))).toBeNull();
    expect(sealTypeOf(entry('base', 'population', 'database', 'MySQL'))).toBeNull();
  });
});
