/**
 * A generated village with five years of history, made by the app's own domain code so
 * every document is one the app could have written:
 *
 * - the register: a sample household register (shared/residents/demo.ts: plausible names,
 *   household shapes, valid and unique citizen IDs) validated and turned into documents
 *   the way an import does it (validateRegister → planToDocuments), loaded on the first
 *   day of the history; its groups and the village settings;
 * - the rule set: the township's template library adopted whole (adoptLibrary);
 * - the ledger, day by day: acts happen at realistic rates (mix.ts); the clerk records them
 *   a few days later (recordEntry; a monthly clean-up day and the quarterly hygiene
 *   inspection as batch entries, recordEntries; a few late), a reviewer approves, returns
 *   or rejects them (reviewEntry; returned ones are corrected and resubmitted), a weekly
 *   public notice posts the approved ones (draftNotice, publishNotice) and its close makes
 *   them effective (closeNotice); the township confirms direct ratings
 *   (confirmDirectRating); residents object (raiseObjection, decideObjection); staff
 *   correct a few effective entries (reverseEntry); households redeem points on the monthly
 *   redemption day (redemptionDebit, with their balance from the scoring engine), and a
 *   few redemptions are cancelled and refunded (a reversal of the debit).
 *
 * Pure apart from the ID protection (WebCrypto, passed in): the same input gives the same
 * documents. It imports nothing outside shared/, so a browser benchmark can run it too.
 */
import type { CatalogDoc, RuleTemplate, TierScheme } from '../../../shared/collections/catalog.ts';
import type { CaseDoc, ObjectionCase } from '../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import { sortableId } from '../../../shared/collections/ids.ts';
import type { NoticeDoc } from '../../../shared/collections/notices.ts';
import {
  settingsId,
  type GroupPolicy,
  type PolicyDoc,
  type RuleSetPolicy,
  type SettingsPolicy,
} from '../../../shared/collections/policies.ts';
import type { RedemptionDoc } from '../../../shared/collections/redemptions.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { catalogId } from '../../../shared/collections/catalog.ts';
import { redemptionDebit } from '../../../shared/ledger/balance.ts';
import { newBase, touch, type LedgerContext, type Place } from '../../../shared/ledger/context.ts';
import { addDays, addMonths, daysBetween } from '../../../shared/ledger/dates.ts';
import {
  closeNotice,
  closeObjection,
  decideObjection,
  draftNotice,
  isOpenObjection,
  publishNotice,
  raiseObjection,
  startVerifying,
} from '../../../shared/ledger/notice.ts';
import {
  householdSubject,
  recordEntries,
  recordEntry,
  residentSubject,
  type EntryInput,
  type EntryRow,
  type EntrySubject,
  type RecordingRules,
} from '../../../shared/ledger/recording.ts';
import {
  confirmDirectRating,
  needsConfirmation,
  reversalOf,
  reverseEntry,
  reviewEntry,
  withdrawEntry,
  type Reviewer,
} from '../../../shared/ledger/review.ts';
import { adoptLibrary, pointsRange } from '../../../shared/ledger/rule-sets.ts';
import {
  buildLedgers,
  emptyLedger,
  figuresOf,
  householdMembersOn,
  rollUpHousehold,
  scoreLedger,
  subjectKey,
  type ScoringPolicy,
} from '../../../shared/ledger/score.ts';
import { reversalTargets } from '../../../shared/ledger/status.ts';
import {
  DEFAULT_LATE_ENTRY_DAYS,
  DEFAULT_NOTICE_DAYS,
  DEFAULT_TIER_SCHEME_CODE,
  ruleFromTemplate,
} from '../../../shared/ledger/templates.ts';
import { villagePolicyOf } from '../../../shared/ledger/village-policy.ts';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { demoVillage } from '../../../shared/residents/demo.ts';
import type { IdProtector } from '../../../shared/residents/id-protection.ts';
import { REGISTER_COLUMNS } from '../../../shared/residents/import/columns.ts';
import { validateRegister } from '../../../shared/residents/import/validate.ts';
import { planToDocuments } from '../../../shared/residents/register-documents.ts';
import {
  ageClassOf,
  CANCEL_REASONS,
  CLEAN_UP_SHARE,
  CORRECTION_REASONS,
  DISMISSED_NOTES,
  expectedPerYear,
  HOUSEHOLD_RATES,
  HYGIENE_PASS_SHARE,
  NOTES,
  OBJECTION_REASONS,
  PERSON_RATES,
  REFUSED_CONFIRMATION_NOTES,
  REJECT_NOTES,
  RETURN_NOTES,
  UPHELD_NOTES,
  type AgeClass,
  type RuleRate,
} from './mix.ts';
import { deriveSeed, randomOf, weightedPicker, type Random } from './random.ts';
import { EVENTS_PER_RESIDENT_YEAR, HISTORY_YEARS } from './sizes.ts';

/** Who the generated documents say acted (no real account stands behind them). */
export const SAMPLE_STAFF = {
  clerk: 'sample-clerk',
  reviewer: 'sample-reviewer',
  admin: 'sample-village-admin',
  township: 'sample-township-admin',
} as const;
export const SAMPLE_DEVICE = 'sample-device';

export interface VillageToGenerate {
  readonly code: string;
  readonly name: string;
  /** Households in the register (about 3.4 residents each). */
  readonly households: number;
}

export interface GenerateVillageInput {
  readonly village: VillageToGenerate;
  /** The run's seed; each village draws from its own seed derived from it and its code. */
  readonly seed: number;
  /** The village's date today, 'YYYY-MM-DD': the history ends here. */
  readonly today: string;
  /** The township's catalogue (catalog.ts `townshipCatalog`): the library the village adopts. */
  readonly catalog: readonly CatalogDoc[];
  /** Protects the citizen IDs with the township's keys (createIdProtector). */
  readonly protector: Pick<IdProtector, 'protect'>;
  /**
   * IDs already given to residents of other villages of the township; the village's IDs
   * are kept apart from them and added. Omit for a single village.
   */
  readonly issuedIds?: Set<string>;
  /** Default HISTORY_YEARS (5). */
  readonly years?: number;
  /** Entries per resident and year aimed at; default EVENTS_PER_RESIDENT_YEAR (6). */
  readonly eventsPerResidentYear?: number;
}

export interface GeneratedVillage {
  readonly place: Place & { readonly name: string };
  /** The first day of the history (register loaded, rule set in force). */
  readonly start: string;
  readonly today: string;
  /** Groups, settings and the adopted rule set. */
  readonly policies: readonly PolicyDoc[];
  readonly residents: readonly ResidentDoc[];
  readonly households: readonly HouseholdDoc[];
  /** Every event in its latest state, in the order created. */
  readonly events: readonly EventDoc[];
  readonly notices: readonly NoticeDoc[];
  readonly cases: readonly CaseDoc[];
  readonly redemptions: readonly RedemptionDoc[];
  /** The village's scoring policy (its settings and the township's tier scheme). */
  readonly policy: ScoringPolicy;
  readonly stats: GenerationStats;
}

export interface GenerationStats {
  /** Acts the recording checks refused (caps, the same act twice): not recorded. */
  readonly refusedActs: number;
  /** Entries recorded more than the late-entry limit after the act (补录). */
  readonly lateEntries: number;
  readonly returned: number;
  readonly rejected: number;
  readonly withdrawn: number;
  readonly objections: number;
  readonly upheld: number;
  readonly corrections: number;
  readonly directRatings: number;
  readonly redemptions: number;
  readonly cancelledRedemptions: number;
}

// ---------------------------------------------------------------------------------------

type Task =
  | { readonly type: 'record'; readonly row: EntryRow; readonly batch?: readonly EntryRow[] }
  | { readonly type: 'review'; readonly eventId: string }
  | { readonly type: 'resubmit'; readonly returnedId: string }
  | { readonly type: 'confirm'; readonly eventId: string }
  | { readonly type: 'object'; readonly eventId: string }
  | { readonly type: 'verify'; readonly caseId: string }
  | { readonly type: 'decide'; readonly caseId: string }
  | { readonly type: 'close-case'; readonly caseId: string }
  | { readonly type: 'correct'; readonly eventId: string }
  | { readonly type: 'cancel-redemption'; readonly redemptionId: string };

/** When in the day each kind of task runs (China time), so stamps keep the order of work. */
const HOUR: { readonly [T in Task['type']]: number } = {
  confirm: 9,
  object: 9,
  verify: 9,
  decide: 10,
  'close-case': 10,
  record: 11,
  resubmit: 11,
  correct: 11,
  'cancel-redemption': 11,
  review: 15,
};
const NOTICE_HOUR = 8;
const REDEMPTION_HOUR = 10;
const REDEMPTION_DAY = 10;

interface RewardChoice {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly points: number;
  readonly eligibleTiers: readonly string[];
  readonly oncePerYear: boolean;
}

interface PersonProfile {
  readonly resident: ResidentDoc;
  readonly subject: EntrySubject;
  readonly birthYear: number;
  /** Relative activity: how much this person takes part (some work in town all week). */
  readonly activity: number;
}

/** Makes the generated village; resolves once the IDs are protected. */
export async function generateVillage(input: GenerateVillageInput): Promise<GeneratedVillage> {
  const random = randomOf(deriveSeed(input.seed, input.village.code));
  const years = input.years ?? HISTORY_YEARS;
  const today = input.today;
  const start = addDays(addMonths(today, -12 * years), 1);
  const townshipCode = input.village.code.slice(0, 9);
  const place = { villageCode: input.village.code, townshipCode, name: input.village.name };
  const clock = new Clock(random);

  // The register, as loaded on the first day.
  const sample = demoVillage({
    seed: deriveSeed(input.seed, `${input.village.code}:register`),
    today: start,
    regionCode: townshipCode.slice(0, 6),
    villageName: input.village.name,
    households: input.village.households,
  });
  const table =
    input.issuedIds === undefined ? sample.table : distinctIds(sample.table, input.issuedIds);
  const registerCtx = clock.context(start, 9, SAMPLE_STAFF.clerk);
  const groups = sample.groups.map((name, index): GroupPolicy => ({
    ...newBase(place, registerCtx),
    kind: 'group',
    status: 'active',
    code: String(index + 1).padStart(2, '0'),
    name,
  }));
  const planned = validateRegister(table, {
    today: start,
    villageCode: place.villageCode,
    knownGroups: new Map(groups.map((group) => [group.name, group.id])),
    findRegistered: () => undefined,
    existingHouseholdNumbers: new Set(),
  });
  if (!planned.ok) {
    const [first] = planned.problems;
    throw new Error(
      `the sample register does not validate: row ${String(first?.row)} ${first?.code ?? ''}`,
    );
  }
  const register = await planToDocuments(
    planned.plan,
    { ...registerCtx, townshipCode },
    input.protector,
  );

  const settings: SettingsPolicy = {
    ...newBase(place, registerCtx, settingsId(place.villageCode)),
    kind: 'settings',
    status: 'active',
    rollUp: 'sum',
    noticeDays: DEFAULT_NOTICE_DAYS,
    objectionContact: `村委会 ${input.village.name}调解室 0631-8${String(random.int(100_000, 999_999))}`,
    deductionsAgainstBalance: false,
    yearlyReset: false,
    tierSchemeId: catalogId(townshipCode, 'tier-scheme', DEFAULT_TIER_SCHEME_CODE),
    lateEntryDays: DEFAULT_LATE_ENTRY_DAYS,
  };

  const templates = input.catalog.filter(
    (doc): doc is RuleTemplate => doc.kind === 'rule-template' && doc.status === 'published',
  );
  const adopted = adoptLibrary(
    {
      title: `${input.village.name}积分细则`,
      effectiveFrom: start,
      meetingRef: `${input.village.name}村民代表大会〔${start.slice(0, 4)}〕1号`,
      meetingOn: start,
    },
    templates.map(ruleFromTemplate),
    place,
    undefined,
    clock.context(start, 10, SAMPLE_STAFF.admin),
  );
  if (!adopted.ok) throw new Error(`adopting the library failed: ${adopted.error.code}`);
  const ruleSet = adopted.value.find((doc) => doc.status === 'adopted');
  if (ruleSet === undefined) throw new Error('adoptLibrary returned no adopted set');

  const schemes = input.catalog.filter((doc): doc is TierScheme => doc.kind === 'tier-scheme');
  const policy = villagePolicyOf(townshipCode, settings, schemes).policy;
  const rewards = input.catalog.flatMap((doc): RewardChoice[] =>
    doc.kind === 'reward-item' && doc.status === 'published'
      ? [
          {
            id: doc.id,
            code: doc.code,
            nameZh: doc.nameZh,
            points: doc.points,
            eligibleTiers: doc.eligibleTiers,
            oncePerYear: doc.perHousehold?.per === 'year' && doc.perHousehold.count === 1,
          },
        ]
      : [],
  );

  const simulation = new Simulation({
    random,
    clock,
    place,
    start,
    today,
    ruleSet,
    rules: { ruleSet, lateEntryDays: settings.lateEntryDays },
    objectionContact: settings.objectionContact,
    policy,
    rewards,
    residents: register.residents,
    households: register.households,
    eventsPerResidentYear: input.eventsPerResidentYear ?? EVENTS_PER_RESIDENT_YEAR,
  });
  simulation.run();

  return {
    place,
    start,
    today,
    policies: [...groups, settings, ...adopted.value],
    residents: register.residents,
    households: register.households,
    events: simulation.events(),
    notices: simulation.notices(),
    cases: simulation.cases(),
    redemptions: simulation.redemptions(),
    policy,
    stats: simulation.stats(),
  };
}

/**
 * The sample register with every ID not yet issued in the township: a taken one gets the
 * next free sequence of the same parity (the gender) and its check character recomputed.
 */
function distinctIds(
  table: readonly (readonly string[])[],
  issued: Set<string>,
): (readonly string[])[] {
  const column = REGISTER_COLUMNS.findIndex((c) => c.key === 'idNumber');
  return table.map((row, index) => {
    if (index === 0) return row;
    let id = row[column] ?? '';
    let sequence = Number(id.slice(14, 17));
    while (issued.has(id)) {
      sequence = (sequence + 2) % 1000;
      const first17 = `${id.slice(0, 14)}${String(sequence).padStart(3, '0')}`;
      id = `${first17}${checkDigitOf(first17)}`;
    }
    issued.add(id);
    return row.map((cell, i) => (i === column ? id : cell));
  });
}

/**
 * Stamps in the order the work was done: a task at `hour` China time on `date`, one
 * second after the previous stamp if that was later, and ids that sort by that time.
 */
class Clock {
  readonly #random: Random;
  #last = 0;

  constructor(random: Random) {
    this.#random = random;
  }

  context(date: string, hour: number, userId: string): LedgerContext {
    const [y, m, d] = date.split('-').map(Number);
    const at = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hour - 8);
    const now = Math.max(at, this.#last + 1_000);
    this.#last = now;
    const random = this.#random;
    const deviceId = userId === SAMPLE_STAFF.township ? 'town-server' : SAMPLE_DEVICE;
    return { now, today: date, userId, deviceId, newId: () => sortableId(now, random.bytes(10)) };
  }
}

interface SimulationInput {
  readonly random: Random;
  readonly clock: Clock;
  readonly place: Place & { readonly name: string };
  readonly start: string;
  readonly today: string;
  readonly ruleSet: RuleSetPolicy;
  readonly rules: RecordingRules;
  readonly objectionContact: string;
  readonly policy: ScoringPolicy;
  readonly rewards: readonly RewardChoice[];
  readonly residents: readonly ResidentDoc[];
  readonly households: readonly HouseholdDoc[];
  readonly eventsPerResidentYear: number;
}

const REVIEWER: Reviewer = { userId: SAMPLE_STAFF.reviewer, householdIds: [] };

class Simulation {
  readonly #in: SimulationInput;
  readonly #random: Random;
  readonly #people: readonly PersonProfile[];
  readonly #households: readonly HouseholdDoc[];
  readonly #pickers: { readonly [C in AgeClass]: (random: Random) => RuleRate };
  readonly #householdPicker: (random: Random) => RuleRate;
  readonly #annual: { readonly [C in AgeClass]: number };
  readonly #householdAnnual: number;
  /** Scales every rate so the village gets about eventsPerResidentYear entries a person. */
  readonly #scale: number;

  readonly #events = new Map<string, EventDoc>();
  readonly #bySubject = new Map<string, string[]>();
  /** Rule entries by subject and rule code, and reversals by subject: what recording checks. */
  readonly #byRule = new Map<string, string[]>();
  readonly #reversals = new Map<string, string[]>();
  /** The act behind each rule entry (for a resubmission after a return). */
  readonly #rowOf = new Map<string, EntryRow>();
  readonly #cases = new Map<string, ObjectionCase>();
  readonly #casesByTarget = new Map<string, string[]>();
  readonly #notices = new Map<string, NoticeDoc>();
  readonly #openNotices: string[] = [];
  readonly #awaitingNotice = new Set<string>();
  readonly #redemptions = new Map<string, RedemptionDoc>();
  readonly #redeemedOnce = new Set<string>();
  readonly #tasks = new Map<string, Task[]>();
  #receiptSerial = 0;
  #stats = {
    refusedActs: 0,
    lateEntries: 0,
    returned: 0,
    rejected: 0,
    withdrawn: 0,
    objections: 0,
    upheld: 0,
    corrections: 0,
    directRatings: 0,
    redemptions: 0,
    cancelledRedemptions: 0,
  };

  constructor(input: SimulationInput) {
    this.#in = input;
    this.#random = input.random;
    const random = input.random;
    const startYear = Number(input.start.slice(0, 4));
    this.#people = input.residents.map((resident): PersonProfile => {
      const birthYear = Number(resident.birthDate.slice(0, 4));
      const age = startYear - birthYear;
      // About a quarter of people of working age work in town and are seldom in the village.
      const away = age >= 20 && age <= 50 && random.chance(0.25) ? 0.25 : 1;
      return {
        resident,
        subject: residentSubject(resident),
        birthYear,
        activity: (random.logNormal(0.5) / Math.exp(0.125)) * away,
      };
    });
    this.#households = input.households;
    const picker = (rates: readonly RuleRate[]): ((r: Random) => RuleRate) =>
      weightedPicker(
        rates,
        rates.map((rate) => rate.perYear),
      );
    this.#pickers = {
      minor: picker(PERSON_RATES.minor),
      adult: picker(PERSON_RATES.adult),
      elder: picker(PERSON_RATES.elder),
    };
    this.#householdPicker = picker(HOUSEHOLD_RATES);
    this.#annual = {
      minor: expectedPerYear(PERSON_RATES.minor, 0),
      adult: expectedPerYear(PERSON_RATES.adult, 0),
      elder: expectedPerYear(PERSON_RATES.elder, 0),
    };
    this.#householdAnnual = expectedPerYear(HOUSEHOLD_RATES, 4 * HYGIENE_PASS_SHARE);
    const expected =
      this.#people.reduce((sum, person) => {
        const cls = ageClassOf(startYear - person.birthYear);
        return sum + (this.#annual[cls] + 12 * CLEAN_UP_SHARE[cls]) * person.activity;
      }, 0) +
      this.#households.length * this.#householdAnnual;
    this.#scale = (input.eventsPerResidentYear * input.residents.length) / Math.max(1, expected);
  }

  run(): void {
    const { start, today } = this.#in;
    for (let day = start; day <= today; day = addDays(day, 1)) {
      if (day === start || day.endsWith('-01')) this.#planMonth(day);
      if (weekday(day) === 1) this.#noticeDay(day);
      if (Number(day.slice(8)) === REDEMPTION_DAY) this.#redemptionDay(day);
      const tasks = this.#tasks.get(day) ?? [];
      this.#tasks.delete(day);
      const ordered = tasks
        .map((task, order) => ({ task, order }))
        .sort((a, b) => HOUR[a.task.type] - HOUR[b.task.type] || a.order - b.order);
      for (const { task } of ordered) this.#runTask(day, task);
    }
  }

  events(): EventDoc[] {
    return [...this.#events.values()];
  }

  notices(): NoticeDoc[] {
    return [...this.#notices.values()];
  }

  cases(): CaseDoc[] {
    return [...this.#cases.values()];
  }

  redemptions(): RedemptionDoc[] {
    return [...this.#redemptions.values()];
  }

  stats(): GenerationStats {
    return { ...this.#stats };
  }

  // -------------------------------------------------------------------------------------
  // Acts

  /** Plans the acts of the month starting `from` (the history's first day, or a 1st). */
  #planMonth(from: string): void {
    const random = this.#random;
    const { today } = this.#in;
    const monthEnd = addDays(addMonths(`${from.slice(0, 7)}-01`, 1), -1);
    const last = monthEnd < today ? monthEnd : today;
    const days = daysBetween(from, last) + 1;
    const share = days / (daysBetween(`${from.slice(0, 7)}-01`, monthEnd) + 1);
    const dayIn = (): string => addDays(from, random.int(0, days - 1));
    const year = Number(from.slice(0, 4));

    for (const person of this.#people) {
      const cls = ageClassOf(year - person.birthYear);
      const mean = (this.#annual[cls] / 12) * person.activity * this.#scale * share;
      const count = random.poisson(mean);
      for (let i = 0; i < count; i += 1)
        this.#act(person.subject, this.#pickers[cls](random), dayIn());
    }
    const householdMean =
      ((this.#householdAnnual - 4 * HYGIENE_PASS_SHARE) / 12) * this.#scale * share;
    for (const household of this.#households) {
      const count = random.poisson(householdMean);
      const subject = householdSubject(household);
      for (let i = 0; i < count; i += 1) this.#act(subject, this.#householdPicker(random), dayIn());
    }

    // The clean-up day: one batch entry of everyone who came, at the same points.
    const cleanUp = dayIn();
    const unitPoints = random.int(2, 3);
    const cleaners = this.#people.filter((person) =>
      random.chance(
        Math.min(
          0.9,
          CLEAN_UP_SHARE[ageClassOf(year - person.birthYear)] * person.activity * this.#scale,
        ),
      ),
    );
    this.#batch(
      cleaners.map((person) => person.subject),
      {
        ruleCode: 'P-CLEAN',
        occurredOn: cleanUp,
        quantity: 1,
        unitPoints,
        note: noteFor(random, 'P-CLEAN'),
        evidence: [],
      },
    );

    // The quarterly hygiene inspection: every household that passed.
    if (Number(from.slice(5, 7)) % 3 === 0) {
      const passed = this.#households.filter(() =>
        random.chance(Math.min(0.95, HYGIENE_PASS_SHARE * this.#scale)),
      );
      this.#batch(passed.map(householdSubject), {
        ruleCode: 'P-HYGIENE',
        occurredOn: dayIn(),
        quantity: 1,
        note: noteFor(random, 'P-HYGIENE'),
        evidence: [],
      });
    }
  }

  #act(subject: EntrySubject, rate: RuleRate, occurredOn: string): void {
    const random = this.#random;
    const rule = this.#in.ruleSet.rules.find((r) => r.code === rate.code);
    if (rule === undefined) throw new Error(`the library has no rule ${rate.code}`);
    let unitPoints: number | undefined;
    if (rule.points === undefined) {
      const range = rate.points ?? [pointsRange(rule).min, pointsRange(rule).max];
      unitPoints = random.int(range[0], range[1]);
    }
    const quantity =
      rate.quantity === undefined ? 1 : random.int(rate.quantity[0], rate.quantity[1]);
    const input: EntryInput = {
      ruleCode: rate.code,
      occurredOn,
      quantity,
      ...(unitPoints === undefined ? {} : { unitPoints }),
      note: noteFor(random, rate.code),
      evidence: [],
    };
    // Most acts are written up within days; a few weeks or months later (补录).
    const roll = random.next();
    const lag =
      roll < 0.7
        ? random.int(0, 2)
        : roll < 0.95
          ? random.int(3, 10)
          : roll < 0.99
            ? random.int(11, 30)
            : random.int(31, 75);
    this.#schedule(addDays(occurredOn, Math.max(1, lag)), {
      type: 'record',
      row: { subject, input },
    });
  }

  #batch(subjects: readonly EntrySubject[], input: EntryInput): void {
    if (subjects.length === 0) return;
    const rows = subjects.map((subject) => ({ subject, input }));
    const [first] = rows;
    if (first === undefined) return;
    this.#schedule(addDays(input.occurredOn, this.#random.int(1, 3)), {
      type: 'record',
      row: first,
      batch: rows,
    });
  }

  #schedule(date: string, task: Task): void {
    if (date > this.#in.today) return;
    const list = this.#tasks.get(date);
    if (list === undefined) this.#tasks.set(date, [task]);
    else list.push(task);
  }

  #after(day: string, min: number, max: number, task: Task): void {
    this.#schedule(addDays(day, this.#random.int(min, max)), task);
  }

  // -------------------------------------------------------------------------------------
  // Work

  #runTask(day: string, task: Task): void {
    const random = this.#random;
    const staff =
      task.type === 'confirm'
        ? SAMPLE_STAFF.township
        : task.type === 'review'
          ? SAMPLE_STAFF.reviewer
          : task.type === 'decide'
            ? SAMPLE_STAFF.admin
            : SAMPLE_STAFF.clerk;
    const ctx = this.#in.clock.context(day, HOUR[task.type], staff);
    switch (task.type) {
      case 'record': {
        if (task.batch !== undefined) this.#recordBatch(task.batch, ctx);
        else this.#recordOne(task.row, ctx);
        return;
      }
      case 'resubmit': {
        const row = this.#rowOf.get(task.returnedId);
        if (row === undefined) return;
        this.#recordOne(
          {
            subject: row.subject,
            input: { ...row.input, note: '已按审核意见补充说明', resubmissionOf: task.returnedId },
          },
          ctx,
        );
        return;
      }
      case 'review': {
        const event = this.#events.get(task.eventId);
        if (event?.status !== 'submitted') return;
        const roll = random.next();
        const decision =
          event.kind === 'reversal' || roll < 0.965
            ? 'approved'
            : roll < 0.99
              ? 'returned'
              : 'rejected';
        const note =
          decision === 'returned'
            ? random.pick(RETURN_NOTES)
            : decision === 'rejected'
              ? random.pick(REJECT_NOTES)
              : '';
        const reviewed = reviewEntry(event, decision, note, REVIEWER, ctx);
        if (!reviewed.ok) return;
        this.#put(reviewed.value);
        if (decision === 'returned') {
          this.#stats.returned += 1;
          this.#after(day, 1, 5, { type: 'resubmit', returnedId: event.id });
        } else if (decision === 'rejected') this.#stats.rejected += 1;
        else if (reviewed.value.status === 'approved') this.#awaitingNotice.add(event.id);
        return;
      }
      case 'confirm': {
        const event = this.#events.get(task.eventId);
        if (event?.status !== 'in-notice') return;
        const notice = this.#notices.get(event.noticeId ?? '');
        const refused = random.chance(0.05);
        const confirmed = confirmDirectRating(
          event,
          refused ? 'refused' : 'confirmed',
          refused ? random.pick(REFUSED_CONFIRMATION_NOTES) : '',
          notice,
          this.#isHeld(event.id),
          ctx,
        );
        if (confirmed.ok) this.#put(confirmed.value);
        return;
      }
      case 'object': {
        const event = this.#events.get(task.eventId);
        if (event === undefined) return;
        const raised = raiseObjection(
          event,
          {
            reason: random.pick(OBJECTION_REASONS),
            receivedOn: day,
            dueOn: addDays(day, 15),
            evidence: [],
          },
          reversalTargets(this.#eventsOf(event.subjectId)),
          ctx,
        );
        if (!raised.ok) return;
        this.#stats.objections += 1;
        this.#putCase(raised.value);
        if (random.chance(0.3)) this.#after(day, 1, 1, { type: 'verify', caseId: raised.value.id });
        this.#after(day, 2, 12, { type: 'decide', caseId: raised.value.id });
        return;
      }
      case 'verify': {
        const objection = this.#cases.get(task.caseId);
        if (objection === undefined) return;
        const verifying = startVerifying(objection, ctx);
        if (verifying.ok) this.#putCase(verifying.value);
        return;
      }
      case 'decide': {
        const objection = this.#cases.get(task.caseId);
        const target = this.#events.get(objection?.targetId ?? '');
        if (objection === undefined || target === undefined || !isOpenObjection(objection)) return;
        const upheld = random.chance(0.35);
        const otherOpen = (this.#casesByTarget.get(target.id) ?? []).some((id) => {
          const other = this.#cases.get(id);
          return id !== objection.id && other !== undefined && isOpenObjection(other);
        });
        const notice = this.#notices.get(target.noticeId ?? '');
        const decided = decideObjection(
          objection,
          target,
          upheld ? 'upheld' : 'dismissed',
          upheld ? random.pick(UPHELD_NOTES) : random.pick(DISMISSED_NOTES),
          { ...(notice === undefined ? {} : { notice }), otherOpen },
          ctx,
        );
        if (!decided.ok) return;
        if (upheld) this.#stats.upheld += 1;
        this.#putCase(decided.value.objection);
        for (const event of decided.value.events) this.#put(event);
        this.#after(day, 3, 10, { type: 'close-case', caseId: objection.id });
        return;
      }
      case 'close-case': {
        const objection = this.#cases.get(task.caseId);
        if (objection === undefined) return;
        const closed = closeObjection(objection, ctx);
        if (closed.ok) this.#putCase(closed.value);
        return;
      }
      case 'correct': {
        const target = this.#events.get(task.eventId);
        if (target === undefined) return;
        const reversal = reverseEntry(
          target,
          random.pick(CORRECTION_REASONS),
          reversalTargets(this.#eventsOf(target.subjectId)),
          ctx,
        );
        if (!reversal.ok) return;
        this.#stats.corrections += 1;
        this.#put(reversal.value);
        this.#after(day, 1, 3, { type: 'review', eventId: reversal.value.id });
        return;
      }
      case 'cancel-redemption': {
        const redemption = this.#redemptions.get(task.redemptionId);
        const debit = this.#events.get(redemption?.debitEventId ?? '');
        if (redemption === undefined || debit === undefined || redemption.status !== 'fulfilled')
          return;
        const reason = random.pick(CANCEL_REASONS);
        const refund = reversalOf(debit, reason, 'effective', undefined, ctx);
        this.#put(refund);
        this.#redemptions.set(
          redemption.id,
          touch(
            redemption,
            {
              status: 'cancelled',
              cancellation: { reason, refundEventId: refund.id, by: ctx.userId, at: ctx.now },
            },
            ctx,
          ),
        );
        this.#stats.cancelledRedemptions += 1;
        return;
      }
    }
  }

  #recordOne(row: EntryRow, ctx: LedgerContext): void {
    const recorded = recordEntry(
      row.subject,
      row.input,
      this.#in.rules,
      this.#checkedAgainst(row.subject.id, row.input.ruleCode),
      ctx,
    );
    if (!recorded.ok) {
      this.#stats.refusedActs += 1;
      return;
    }
    this.#recorded(recorded.value.event, row, recorded.value.warnings.length > 0, ctx.today);
  }

  #recordBatch(rows: readonly EntryRow[], ctx: LedgerContext): void {
    const existing = rows.flatMap((row) =>
      this.#checkedAgainst(row.subject.id, row.input.ruleCode),
    );
    const result = recordEntries(rows, this.#in.rules, existing, ctx);
    this.#stats.refusedActs += result.refused.length;
    for (const recorded of result.recorded) {
      const row = rows[recorded.row];
      if (row === undefined) throw new Error('a recorded row names no row of the batch');
      this.#recorded(recorded.event, row, recorded.warnings.length > 0, ctx.today);
    }
  }

  #recorded(event: EventDoc, row: EntryRow, late: boolean, day: string): void {
    this.#put(event);
    this.#rowOf.set(event.id, row);
    if (late) this.#stats.lateEntries += 1;
    if (this.#random.chance(0.003)) {
      // The recorder takes it back before review (withdrawn), e.g. entered twice.
      const withdrawn = withdrawEntry(event, this.#in.clock.context(day, 12, SAMPLE_STAFF.clerk));
      if (withdrawn.ok) {
        this.#put(withdrawn.value);
        this.#stats.withdrawn += 1;
        return;
      }
    }
    this.#after(day, 1, 4, { type: 'review', eventId: event.id });
  }

  /** Mondays: last week's notice closes, this week's posts what was approved since. */
  #noticeDay(day: string): void {
    const random = this.#random;
    const ctx = this.#in.clock.context(day, NOTICE_HOUR, SAMPLE_STAFF.clerk);
    for (const id of this.#openNotices.splice(0)) {
      const notice = this.#notices.get(id);
      if (notice === undefined) continue;
      if (day <= notice.endsOn) {
        this.#openNotices.push(id);
        continue;
      }
      const items = notice.itemIds.map((itemId) => this.#required(itemId));
      const objections = items.flatMap((item) => this.#objectionsOf(item.id));
      const closed = closeNotice(notice, items, objections, ctx);
      if (!closed.ok) throw new Error(`closing a notice failed: ${closed.error.code}`);
      this.#notices.set(id, closed.value.notice);
      for (const event of closed.value.events) {
        this.#put(event);
        if (random.chance(0.003)) this.#after(day, 5, 60, { type: 'correct', eventId: event.id });
        else if (event.kind === 'deduction' && random.chance(0.01))
          this.#after(day, 3, 30, { type: 'object', eventId: event.id });
      }
    }

    const waiting = [...this.#awaitingNotice].map((id) => this.#required(id));
    this.#awaitingNotice.clear();
    for (let at = 0; at < waiting.length; at += 5000) {
      const items = waiting.slice(at, at + 5000);
      const endsOn = addDays(day, DEFAULT_NOTICE_DAYS - 1);
      const draft = draftNotice(
        {
          title: `${this.#in.place.name}积分公示（${day}至${endsOn}）`,
          startsOn: day,
          days: DEFAULT_NOTICE_DAYS,
          objectionContact: this.#in.objectionContact,
          note: '',
        },
        items,
        this.#in.place,
        ctx,
      );
      if (!draft.ok) throw new Error(`drafting a notice failed: ${draft.error.code}`);
      const published = publishNotice(draft.value, items, ctx);
      if (!published.ok) throw new Error(`publishing a notice failed: ${published.error.code}`);
      this.#notices.set(published.value.notice.id, published.value.notice);
      this.#openNotices.push(published.value.notice.id);
      for (const event of published.value.events) {
        this.#put(event);
        if (needsConfirmation(event)) {
          this.#stats.directRatings += 1;
          this.#after(day, 1, 4, { type: 'confirm', eventId: event.id });
        }
        const objecting = event.kind === 'deduction' ? 0.04 : 0.002;
        if (random.chance(objecting)) this.#after(day, 1, 6, { type: 'object', eventId: event.id });
      }
    }
  }

  /** The 10th: some households spend points on the township's reward items. */
  #redemptionDay(day: string): void {
    const random = this.#random;
    const year = day.slice(0, 4);
    for (const household of this.#households) {
      if (household.status !== 'active' || !random.chance(0.06)) continue;
      const figures = this.#householdFigures(household, day);
      const choices = this.#in.rewards.filter(
        (reward) =>
          reward.points <= figures.balance &&
          (reward.eligibleTiers.length === 0 || reward.eligibleTiers.includes(figures.tier)) &&
          !(reward.oncePerYear && this.#redeemedOnce.has(`${household.id}:${reward.code}:${year}`)),
      );
      if (choices.length === 0) continue;
      const reward = random.pick(choices);
      const quantity =
        !reward.oncePerYear && reward.points * 2 <= figures.balance && random.chance(0.3) ? 2 : 1;
      const ctx = this.#in.clock.context(day, REDEMPTION_HOUR, SAMPLE_STAFF.clerk);
      const redemptionId = ctx.newId();
      const debit = redemptionDebit(
        householdSubject(household),
        redemptionId,
        reward.points * quantity,
        figures.balance,
        ctx,
      );
      if (!debit.ok) continue;
      this.#put(debit.value);
      this.#receiptSerial += 1;
      const redemption: RedemptionDoc = {
        ...newBase(this.#in.place, ctx, redemptionId),
        householdId: household.id,
        residentId: household.headResidentId,
        lines: [{ itemId: reward.id, nameZh: reward.nameZh, points: reward.points, quantity }],
        totalPoints: reward.points * quantity,
        requestedOn: day,
        debitEventId: debit.value.id,
        status: 'fulfilled',
        receiptNo: `${this.#in.place.villageCode}-${year}-${String(this.#receiptSerial).padStart(6, '0')}`,
        fulfilled: { by: ctx.userId, at: ctx.now },
        note: '',
      };
      this.#redemptions.set(redemption.id, redemption);
      this.#stats.redemptions += 1;
      if (reward.oncePerYear) this.#redeemedOnce.add(`${household.id}:${reward.code}:${year}`);
      if (random.chance(0.02)) this.#after(day, 1, 20, { type: 'cancel-redemption', redemptionId });
    }
  }

  /** The household's figures on `day` by the scoring engine (what the redemption screen shows). */
  #householdFigures(household: HouseholdDoc, day: string): { balance: number; tier: string } {
    const { policy } = this.#in;
    const members = householdMembersOn(household, day);
    const events = [household.id, ...members.memberIds].flatMap((id) => this.#eventsOf(id));
    const ledgers = buildLedgers(
      events,
      events.flatMap((event) => this.#objectionsOf(event.id)),
    );
    const figures = (type: 'resident' | 'household', id: string) =>
      figuresOf(
        scoreLedger(ledgers.get(subjectKey(type, id)) ?? emptyLedger(type, id), policy, day),
        policy,
      );
    const rolled = rollUpHousehold(
      members,
      new Map(members.memberIds.map((id) => [id, figures('resident', id)] as const)),
      figures('household', household.id),
      policy,
    );
    return { balance: rolled.balance, tier: rolled.tier };
  }

  // -------------------------------------------------------------------------------------
  // State

  #put(event: EventDoc): void {
    if (!this.#events.has(event.id)) {
      append(this.#bySubject, event.subjectId, event.id);
      if (event.kind === 'accrual' || event.kind === 'deduction')
        append(this.#byRule, `${event.subjectId}\u0000${event.rule.code}`, event.id);
      else if (event.kind === 'reversal') append(this.#reversals, event.subjectId, event.id);
    }
    this.#events.set(event.id, event);
  }

  /**
   * The subject's events an entry under `ruleCode` is checked against: duplicates and caps
   * are per subject and rule, and reversals take entries out of the count.
   */
  #checkedAgainst(subjectId: string, ruleCode: string): EventDoc[] {
    return [
      ...(this.#byRule.get(`${subjectId}\u0000${ruleCode}`) ?? []),
      ...(this.#reversals.get(subjectId) ?? []),
    ].map((id) => this.#required(id));
  }

  #putCase(objection: ObjectionCase): void {
    if (!this.#cases.has(objection.id)) {
      const list = this.#casesByTarget.get(objection.targetId);
      if (list === undefined) this.#casesByTarget.set(objection.targetId, [objection.id]);
      else list.push(objection.id);
    }
    this.#cases.set(objection.id, objection);
  }

  #required(id: string): EventDoc {
    const event = this.#events.get(id);
    if (event === undefined) throw new Error(`event ${id} is not known`);
    return event;
  }

  #eventsOf(subjectId: string): EventDoc[] {
    return (this.#bySubject.get(subjectId) ?? []).map((id) => this.#required(id));
  }

  #objectionsOf(eventId: string): ObjectionCase[] {
    return (this.#casesByTarget.get(eventId) ?? []).flatMap((id) => this.#cases.get(id) ?? []);
  }

  #isHeld(eventId: string): boolean {
    return this.#objectionsOf(eventId).some(isOpenObjection);
  }
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function noteFor(random: Random, code: string): string {
  const notes = NOTES[code];
  return notes === undefined || !random.chance(0.6) ? '' : random.pick(notes);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return day === 0 ? 7 : day;
}
