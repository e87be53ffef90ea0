import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalEntry, entryHash } from './canonical.js';
import { type ChunkJob, COLUMN_ROWS, checkChunk, ROW_COLUMNS, rowHash } from './verify-rows.js';

const entry: ChainedFields = {
  seq: 7,
  id: '0193a7b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
  at: '2026-11-21T08:00:00.000Z',
  month: 202611,
  category: 'access',
  actor_kind: 'client',
  actor_id: 'client-1',
  actor_name: '社保业务系统',
  department_id: 'dept-1',
  action: 'exchange.query',
  target_type: 'resource',
  target_id: 'res-1',
  outcome: 'success',
  resource_id: 'res-1',
  items: '["姓名","公民身份号码"]',
  method: 'query',
  purpose: '行政依据 "引号" \\ 反斜杠\n换行',
  case_number: 'AJ-2026-7',
  grant_id: null,
  result_count: 1,
  record_keys: null,
  detail: '{"status":200}',
  request_id: 'req-1',
  client_ip: '10.0.0.8',
  prev_hash: 'a'.repeat(64),
};

describe('R85 audit verify: the row form workers hash is the canonical form', () => {
  it('reads the canonical columns in the canonical order, then prev_hash and hash', () => {
    // Each field named by itself: the canonical text then lists the fields in its own order.
    const named = Object.fromEntries(Object.keys(entry).map((k) => [k, k])) as unknown as ChainedFields;
    expect([...JSON.parse(canonicalEntry(named)), 'prev_hash', 'hash']).toEqual([...ROW_COLUMNS]);
  });

  it('hashes a row array exactly as entryHash hashes the entry', () => {
    for (const algorithm of ['sm3', 'sha256'] as const) {
      const hash = entryHash(algorithm, entry);
      const row = ROW_COLUMNS.map((c) => (c === 'hash' ? hash : entry[c]));
      expect(rowHash(algorithm, row)).toBe(hash);
    }
  });

  it('calls a range clean only when it holds exactly its entries, linked and hashed', () => {
    const rows: unknown[][] = [];
    let prev = 'a'.repeat(64);
    for (let seq = 5; seq <= 8; seq++) {
      const e = { ...entry, seq, prev_hash: prev };
      prev = entryHash('sm3', e);
      rows.push(ROW_COLUMNS.map((c) => (c === 'hash' ? prev : e[c])));
    }
    const job: ChunkJob = { id: 1, from: 5, to: 8, marks: [6] };
    expect(checkChunk('sm3', COLUMN_ROWS, job, rows)).toEqual({
      id: 1,
      from: 5,
      to: 8,
      clean: true,
      firstPrev: 'a'.repeat(64),
      lastHash: prev,
      marks: [[6, rows[1]?.[25]]],
    });
    expect(checkChunk('sm3', COLUMN_ROWS, job, rows.slice(0, 3)).clean).toBe(false);
    expect(checkChunk('sm3', COLUMN_ROWS, job, [...rows, rows[3] as unknown[]]).clean).toBe(false);
    expect(
      checkChunk('sm3', COLUMN_ROWS, job, [rows[0], rows[2], rows[1], rows[3]] as unknown[][]).clean,
    ).toBe(false);
    const changed = rows.map((r) => [...r]);
    (changed[2] as unknown[])[16] = '工作参考';
    expect(checkChunk('sm3', COLUMN_ROWS, job, changed).clean).toBe(false);
  });
});
