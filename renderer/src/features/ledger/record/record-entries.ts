/**
 * What the recording screens build from the screen's state, with the shared recording
 * checks (shared/ledger/recording.ts): the subjects as the ledger names them, the rules a
 * subject may be recorded under, and the entries' documents. Nothing here writes.
 */
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import {
  batchRows,
  checkEntry,
  householdSubject,
  recordEntries,
  recordEntry,
  residentSubject,
  type BatchResult,
  type CheckedEntry,
  type EntryInput,
  type EntrySubject,
  type RecordedEntry,
  type RecordingRules,
} from '../../../../../shared/ledger/recording.ts';
import { DEFAULT_LATE_ENTRY_DAYS } from '../../../../../shared/ledger/templates.ts';
import type { LedgerContext } from '../../../../../shared/ledger/context.ts';
import type { VillageRegister } from '../../residents/register-data.ts';
import type { VillageLedger } from '../village-ledger.ts';

export interface SubjectRef {
  readonly type: SubjectType;
  readonly id: string;
}

/** The subject as the ledger names it, or undefined when the register no longer has it. */
export function entrySubject(register: VillageRegister, ref: SubjectRef): EntrySubject | undefined {
  if (ref.type === 'resident') {
    const resident = register.residentById.get(ref.id);
    return resident === undefined ? undefined : residentSubject(resident);
  }
  const household = register.householdById.get(ref.id);
  return household === undefined ? undefined : householdSubject(household);
}

/** The rules of the set a subject of this kind may be recorded under, in code order. */
export function rulesFor(ruleSet: RuleSetPolicy, type: SubjectType): readonly RuleDefinition[] {
  const wanted = type === 'resident' ? 'person' : 'household';
  return ruleSet.rules
    .filter((rule) => rule.subject === wanted)
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** Whether the rule's points are decided case by case (一事一议: a range). */
export function isRangeRule(rule: RuleDefinition): boolean {
  return rule.points === undefined;
}

function recordingRules(ledger: VillageLedger, date: string): Result<RecordingRules> {
  const ruleSet = ledger.ruleSetOn(date);
  if (ruleSet === undefined) return fail('ledger.no-rule-set', { date });
  return ok({
    ruleSet,
    lateEntryDays: ledger.settings?.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS,
  });
}

function eventsOf(ledger: VillageLedger, subjects: readonly EntrySubject[]): EventDoc[] {
  return subjects.flatMap((subject) => [
    ...ledger.figures.ledger(subject.type, subject.id).events.values(),
  ]);
}

/** The form's preview: what saving would record, or why it would be refused. */
export function previewEntry(
  ledger: VillageLedger,
  subject: EntrySubject,
  input: EntryInput,
): Result<CheckedEntry> {
  const rules = recordingRules(ledger, input.occurredOn);
  if (!rules.ok) return rules;
  return checkEntry(subject, input, rules.value, eventsOf(ledger, [subject]), ledger.today);
}

export function buildEntry(
  ledger: VillageLedger,
  subject: EntrySubject,
  input: EntryInput,
  ctx: LedgerContext,
): Result<RecordedEntry> {
  const rules = recordingRules(ledger, input.occurredOn);
  if (!rules.ok) return rules;
  return recordEntry(subject, input, rules.value, eventsOf(ledger, [subject]), ctx);
}

/** A batch checked row by row: the rows to record and the refused ones, by name. */
export function buildBatch(
  ledger: VillageLedger,
  subjects: readonly EntrySubject[],
  input: EntryInput,
  ctx: LedgerContext,
): Result<BatchResult> {
  const rules = recordingRules(ledger, input.occurredOn);
  if (!rules.ok) return rules;
  return ok(
    recordEntries(batchRows(subjects, input), rules.value, eventsOf(ledger, subjects), ctx),
  );
}
