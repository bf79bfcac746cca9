/**
 * A village's derived figures, kept current one document at a time: what a device holds
 * in memory while it is open. Built once from the whole ledger (`VillageFigures.build`),
 * then every new or changed event or objection (`apply`) refolds and rescores only the
 * subject it is about; a household's figures are rolled up from its members' cached
 * figures when asked. When the calendar moves on (`advanceTo`), only subjects whose
 * figures stop holding that day (an entry takes effect, expires, a cap ends) are rescored.
 *
 * The same figures can always be rebuilt from the ledger: `build` over the same documents
 * gives what any sequence of `apply` calls gave (village-figures.test.ts).
 */
import type { CaseDoc, ObjectionCase } from '../collections/cases.ts';
import type { EventDoc } from '../collections/events.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import type { SubjectType } from '../collections/schema.ts';
import {
  buildLedgers,
  emptyLedger,
  figuresHoldOn,
  figuresOf,
  foldEvent,
  foldObjection,
  householdMembersOn,
  rollUpHousehold,
  scoreHousehold,
  scoreLedger,
  subjectKey,
  type HouseholdFigures,
  type HouseholdScore,
  type ScoringPolicy,
  type SubjectFigures,
  type SubjectLedger,
  type SubjectScore,
} from './score.ts';

function isEventObjection(doc: CaseDoc): doc is ObjectionCase {
  return doc.kind === 'objection' && doc.targetType === 'event';
}

export class VillageFigures {
  #policy: ScoringPolicy;
  #asOf: string;
  readonly #ledgers = new Map<string, SubjectLedger>();
  readonly #figures = new Map<string, SubjectFigures>();
  /** Event id → the key of the subject it is about (where its objections go). */
  readonly #subjectOfEvent = new Map<string, string>();

  private constructor(policy: ScoringPolicy, asOf: string) {
    this.#policy = policy;
    this.#asOf = asOf;
  }

  /** The rebuild: every subject's ledger from the whole store, every subject scored. */
  static build(
    events: Iterable<EventDoc>,
    cases: Iterable<CaseDoc>,
    policy: ScoringPolicy,
    asOf: string,
  ): VillageFigures {
    const village = new VillageFigures(policy, asOf);
    for (const [key, ledger] of buildLedgers(events, cases)) {
      village.#ledgers.set(key, ledger);
      for (const id of ledger.events.keys()) village.#subjectOfEvent.set(id, key);
      village.#rescore(key);
    }
    return village;
  }

  get asOf(): string {
    return this.#asOf;
  }

  get policy(): ScoringPolicy {
    return this.#policy;
  }

  /**
   * Folds new or changed documents in (events, and objections about events; other cases are
   * ignored) and rescores the subjects they touch. Returns the keys of those subjects.
   */
  apply(docs: Iterable<EventDoc | CaseDoc>): ReadonlySet<string> {
    const touched = new Set<string>();
    for (const doc of docs) {
      if (doc.kind === 'objection' || doc.kind === 'repair') {
        if (!isEventObjection(doc)) continue;
        const key =
          this.#subjectOfEvent.get(doc.targetId) ?? subjectKey(doc.subjectType, doc.subjectId);
        const ledger = this.#ledgerAt(key, doc.subjectType, doc.subjectId);
        const next = foldObjection(ledger, doc);
        if (next === ledger) continue;
        this.#ledgers.set(key, next);
        touched.add(key);
      } else {
        const key = subjectKey(doc.subjectType, doc.subjectId);
        const ledger = this.#ledgerAt(key, doc.subjectType, doc.subjectId);
        const next = foldEvent(ledger, doc);
        this.#subjectOfEvent.set(doc.id, key);
        if (next === ledger) continue;
        this.#ledgers.set(key, next);
        touched.add(key);
      }
    }
    for (const key of touched) this.#rescore(key);
    return touched;
  }

  /** Moves the figures to a later (or earlier) date; returns the subjects rescored. */
  advanceTo(date: string): ReadonlySet<string> {
    const rescored = new Set<string>();
    if (date === this.#asOf) return rescored;
    this.#asOf = date;
    for (const [key, figures] of this.#figures) {
      if (figuresHoldOn(figures, date)) {
        this.#figures.set(key, { ...figures, asOf: date });
        continue;
      }
      this.#rescore(key);
      rescored.add(key);
    }
    return rescored;
  }

  /** A new policy (the village changed its tier scheme or roll-up): every subject again. */
  setPolicy(policy: ScoringPolicy): void {
    this.#policy = policy;
    for (const key of this.#ledgers.keys()) this.#rescore(key);
  }

  /** The subject's figures (a subject without events has the base figures). */
  figures(subjectType: SubjectType, subjectId: string): SubjectFigures {
    return (
      this.#figures.get(subjectKey(subjectType, subjectId)) ??
      figuresOf(
        scoreLedger(emptyLedger(subjectType, subjectId), this.#policy, this.#asOf),
        this.#policy,
      )
    );
  }

  /** Every subject with events, and its figures. */
  allFigures(): IterableIterator<SubjectFigures> {
    return this.#figures.values();
  }

  ledger(subjectType: SubjectType, subjectId: string): SubjectLedger {
    return (
      this.#ledgers.get(subjectKey(subjectType, subjectId)) ?? emptyLedger(subjectType, subjectId)
    );
  }

  /** The full explanation (counted and not counted events) of one subject. */
  score(subjectType: SubjectType, subjectId: string, asOf = this.#asOf): SubjectScore {
    return scoreLedger(this.ledger(subjectType, subjectId), this.#policy, asOf);
  }

  /** A household's figures, rolled up from its members' cached figures on the current date. */
  household(household: HouseholdDoc): HouseholdFigures {
    const members = householdMembersOn(household, this.#asOf);
    const memberFigures = new Map<string, SubjectFigures>();
    for (const id of members.memberIds) {
      const figures = this.#figures.get(subjectKey('resident', id));
      if (figures !== undefined) memberFigures.set(id, figures);
    }
    return rollUpHousehold(
      members,
      memberFigures,
      this.figures('household', household.id),
      this.#policy,
    );
  }

  /** A household's figures with the explanation of every event behind them. */
  householdScore(household: HouseholdDoc, asOf = this.#asOf): HouseholdScore {
    const members = householdMembersOn(household, asOf);
    const memberScores = new Map(
      members.memberIds.map((id) => [id, this.score('resident', id, asOf)] as const),
    );
    return scoreHousehold(
      members,
      memberScores,
      this.score('household', household.id, asOf),
      this.#policy,
    );
  }

  #ledgerAt(key: string, subjectType: SubjectType, subjectId: string): SubjectLedger {
    return this.#ledgers.get(key) ?? emptyLedger(subjectType, subjectId);
  }

  #rescore(key: string): void {
    const ledger = this.#ledgers.get(key);
    if (ledger === undefined) return;
    this.#figures.set(key, figuresOf(scoreLedger(ledger, this.#policy, this.#asOf), this.#policy));
  }
}
