import { expect, it } from 'vitest';
import type { Reach } from '../authz/index.js';
import type { Role } from '../roles.js';

/**
 * Where a target sits relative to the actor: the actor itself, its own department, a sibling
 * department of the same jurisdiction, or a department elsewhere; `none` for calls without one.
 */
export type MatrixPosition = 'self' | 'own' | 'sibling' | 'outside' | 'none';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
export type Reply = { status: number; body: any };

/** One call of a role × action matrix, made by an actor of one role against a target in a position. */
export interface MatrixOperation<P extends MatrixPosition> {
  action: string;
  label: string;
  /** Targets the call is made against; `none` for calls without one. */
  positions: (P | 'none')[];
  ok: number;
  run(actor: Role, pos: P | 'none'): Promise<Reply>;
}

/** Whether a single-role actor's reach covers a target in this position. */
export function covers(reach: Reach | undefined, pos: MatrixPosition): boolean {
  if (reach === 'all') return true;
  if (reach === 'jurisdiction') return pos === 'self' || pos === 'own' || pos === 'sibling';
  if (reach === 'department') return pos === 'self' || pos === 'own';
  if (reach === 'self') return pos === 'self';
  return false;
}

/** The operation of a matrix with this label. */
export function operationNamed<O extends { label: string }>(operations: readonly O[], label: string): O {
  return operations.find((op) => op.label === label) as O;
}

/**
 * Cells written out by hand, so that a wrong policy table cannot make the matrix pass: each
 * `[role, label, position, status]` is one test.
 */
export function hardCodedCells<P extends MatrixPosition>(
  operations: readonly MatrixOperation<P>[],
  cells: [Role, string, P | 'none', number][],
): void {
  it.each(cells)('%s: %s on %s → %i', async (role, label, pos, status) => {
    expect((await operationNamed(operations, label).run(role, pos)).status).toBe(status);
  });
}
