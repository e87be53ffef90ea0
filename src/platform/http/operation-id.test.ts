import { describe, expect, it } from 'vitest';
import { operationId } from './operation-id.js';

describe('operation ids for generated clients (issue 22)', () => {
  it('names an operation by its method and path, parameters as By<Param>', () => {
    expect(operationId('POST', '/api/v1/sharing/applications/{id}/approve')).toBe(
      'postSharingApplicationsByIdApprove',
    );
    expect(operationId('GET', '/api/v1/catalog/entries/by-code/{classCode}/{seq}')).toBe(
      'getCatalogEntriesByCodeByClassCodeBySeq',
    );
    expect(operationId('GET', '/api/v1/exchange/resources/:entryId/records')).toBe(
      'getExchangeResourcesByEntryIdRecords',
    );
    expect(operationId('GET', '/api/3/action/package_show')).toBe('get3ActionPackageShow');
    expect(operationId('GET', '/api/metrics')).toBe('getMetrics');
  });

  it('gives two routes that differ only by a parameter different names', () => {
    expect(operationId('GET', '/api/v1/entries/{id}')).not.toBe(operationId('GET', '/api/v1/entries'));
  });
});
