/**
 * Merge classification for sync (ARCHITECTURE §4). Every field of every collection is in
 * exactly one class; the compiler enforces that each field is classified, and the registry
 * check enforces that each schema property is. The sync work implements these rules on the
 * town server (push handler) and in the client's conflict handler; they are stated here so
 * both sides read one definition.
 *
 * - `immutable`: set at creation, never changed. A push that changes one is refused with a
 *   reason (ledger facts, ownership, who/when created).
 * - `write-once`: absent until set, then immutable (a review, a decision, a receipt number).
 *   Both sides setting the same value is fine; different values are a true conflict:
 *   the server keeps its version and the device lists the conflict for a person to decide.
 * - `workflow`: a state that only moves forward along `workflows[field]`. If one side's
 *   state is reachable from the other's, the further one wins, with no human involved.
 *   States on different branches (approved vs rejected) are a true conflict.
 * - `editable`: profile data people edit (a resident's phone, a household's members).
 *   Three-way merge per field against `assumedMasterState`: a field changed on one side
 *   only is taken; a field changed differently on both sides is a true conflict (server
 *   version kept, both shown in the conflict list).
 * - `bookkeeping`: updatedAt / updatedBy — the merged document takes the later pair.
 */
import type { AllKeys } from './schema.ts';

export type FieldClass = 'immutable' | 'write-once' | 'workflow' | 'editable' | 'bookkeeping';

/**
 * A forward-only state machine: `next[state]` lists the states directly reachable.
 * A state with no successors is terminal.
 */
export interface WorkflowSpec<State extends string = string> {
  readonly initial: readonly State[];
  readonly next: { readonly [S in State]: readonly State[] };
}

export interface MergeSpec<Doc> {
  readonly fields: { readonly [K in AllKeys<Doc>]: FieldClass };
  /** One state machine per field classified `workflow`. */
  readonly workflows: { readonly [field: string]: WorkflowSpec };
  /**
   * Fields of a village-owned document that township accounts (township staff, the bank
   * liaison) may write: their decisions on village cases, confirmations, bank answers.
   * Everything else in a village-owned document is written by that village's devices only.
   */
  readonly townshipWritable: readonly AllKeys<Doc>[];
}

/** The common fields' classes, spread into every collection's `fields`. */
export const BASE_FIELD_CLASSES = {
  id: 'immutable',
  villageCode: 'immutable',
  townshipCode: 'immutable',
  createdAt: 'immutable',
  createdBy: 'immutable',
  deviceId: 'immutable',
  updatedAt: 'bookkeeping',
  updatedBy: 'bookkeeping',
} as const satisfies { readonly [field: string]: FieldClass };

export function isReachable(spec: WorkflowSpec, from: string, to: string): boolean {
  if (from === to) return true;
  const next = spec.next as { readonly [state: string]: readonly string[] | undefined };
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const following of next[state] ?? []) {
      if (following === to) return true;
      if (!seen.has(following)) {
        seen.add(following);
        queue.push(following);
      }
    }
  }
  return false;
}

/**
 * How an incoming workflow state relates to the stored one:
 * `same`; `ahead` (incoming moved further: take it); `behind` (keep stored, no conflict);
 * `diverged` (different branches: a true conflict); `unknown` (a state not in the spec:
 * refuse the row).
 */
export type WorkflowRelation = 'same' | 'ahead' | 'behind' | 'diverged' | 'unknown';

export function workflowRelation(
  spec: WorkflowSpec,
  stored: string,
  incoming: string,
): WorkflowRelation {
  if (!(stored in spec.next) || !(incoming in spec.next)) return 'unknown';
  if (stored === incoming) return 'same';
  if (isReachable(spec, stored, incoming)) return 'ahead';
  if (isReachable(spec, incoming, stored)) return 'behind';
  return 'diverged';
}
