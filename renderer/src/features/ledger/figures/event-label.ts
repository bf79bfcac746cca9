import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { RuleSnapshot } from '../../../../../shared/collections/rule.ts';

/** The rule an entry was recorded under, or, for a reversal, the rule of the entry it undoes. */
export function ruleOfEvent(
  event: EventDoc,
  events: ReadonlyMap<string, EventDoc>,
): RuleSnapshot | undefined {
  if (event.kind === 'accrual' || event.kind === 'deduction') return event.rule;
  if (event.kind === 'reversal') {
    const target = events.get(event.reversalOf);
    if (target?.kind === 'accrual' || target?.kind === 'deduction') return target.rule;
  }
  return undefined;
}
