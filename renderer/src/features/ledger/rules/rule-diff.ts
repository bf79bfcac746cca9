/**
 * What a draft changes against the version it will replace, for the meeting that adopts
 * it: rules added, rules dropped, rules whose attributes changed (by code). Pure.
 */
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';

export interface RuleDiff {
  readonly added: ReadonlySet<string>;
  readonly changed: ReadonlySet<string>;
  /** Dropped rules, in the old version's order. */
  readonly removed: readonly RuleDefinition[];
}

/** The same rule whatever the order its attributes were written in. */
function sameRule(a: RuleDefinition, b: RuleDefinition): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const left = (a as unknown as Record<string, unknown>)[key];
    const right = (b as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(left) !== JSON.stringify(right)) return false;
  }
  return true;
}

export function diffRules(
  before: readonly RuleDefinition[],
  after: readonly RuleDefinition[],
): RuleDiff {
  const old = new Map(before.map((rule) => [rule.code, rule]));
  const kept = new Set(after.map((rule) => rule.code));
  const added = new Set<string>();
  const changed = new Set<string>();
  for (const rule of after) {
    const previous = old.get(rule.code);
    if (previous === undefined) added.add(rule.code);
    else if (!sameRule(previous, rule)) changed.add(rule.code);
  }
  return { added, changed, removed: before.filter((rule) => !kept.has(rule.code)) };
}
