import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from './test-support/index.js';

// Multi-node PostgreSQL is a supported deployment: numbers are drawn from a counter row that
// concurrent transactions queue on, so simultaneous requests never draw the same number (issue 15:
// 8 concurrent editions gave 5 × 500, 8 concurrent applications 6 × 500).
describe.each(DIALECTS)('case and edition numbers under concurrency on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national');

  it('8 concurrent applications all succeed with distinct, consecutive numbers', async () => {
    const entries = [];
    for (let i = 0; i < 8; i += 1) entries.push(await w.publish(threeItemContent()));
    const answers = await Promise.all(
      entries.map((entryId) => w.hrss.request('POST', `${API}/applications`, applicationBody(entryId))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const numbers = answers.map((a) => a.body.number as string).sort();
    expect(new Set(numbers).size).toBe(8);
    const seqs = numbers.map((n) => Number(n.slice(-6)));
    expect((seqs.at(-1) as number) - (seqs[0] as number)).toBe(7);
  });

  it('8 concurrent catalog editions all succeed with distinct, consecutive edition numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => w.authority.request('POST', '/api/v1/catalog/editions', {})),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const editions = answers.map((a) => a.body.edition as number).sort((a, b) => a - b);
    expect(editions).toEqual(Array.from({ length: 8 }, (_, i) => (editions[0] as number) + i));
  });
});
