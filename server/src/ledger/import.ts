/**
 * `ledger import` on the town server: a township migrating a village's paper ledger (积分台账)
 * records its historical entries, effective from the date of each act, with the checks the
 * app runs on every entry (shared/ledger/recording.ts in 'import' mode): a rule set in force
 * on the act's date with the rule, the rule's kind of subject, quantity and points, the
 * same act twice, caps per rule, subject and period — against the events the store holds
 * and the rows above in the file.
 *
 * All or nothing, in one transaction, like the register import: every row is checked, and
 * one problem anywhere means no event is written and every problem is reported, row by row.
 */
import type { EventDoc, RuleEvent } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import type { RuleSetPolicy } from '../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import type { ErrorCode, ErrorParams } from '../../../shared/errors.ts';
import type { LedgerContext } from '../../../shared/ledger/context.ts';
import {
  householdSubject,
  recordEntries,
  type EntryRow,
  type EntrySubject,
} from '../../../shared/ledger/recording.ts';
import { findRule, pointsRange, ruleSetInForce } from '../../../shared/ledger/rule-sets.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import { createIdProtector, type IdCrypto } from '../../../shared/residents/id-protection.ts';
import type { Db } from '../db/database.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import { putDocuments } from '../store/documents.ts';
import { checkDocuments, lockVillageLedger } from './adopt.ts';
import { refreshFigures } from './figures.ts';
import {
  cellProblem,
  readLedgerTable,
  readPoints,
  type IgnoredColumn,
  type LedgerColumnKey,
  type LedgerProblem,
  type LedgerRow,
  type LedgerTable,
} from './ledger-table.ts';
import {
  findResidentsByHash,
  loadEvents,
  loadHouseholds,
  loadRuleSets,
  loadSettings,
} from './village-documents.ts';

export interface LedgerImportInput {
  /** A village registered on this server. */
  readonly villageCode: string;
  /** The sheet as rows of cell text, row i = spreadsheet row i + 1. */
  readonly table: LedgerTable;
  /** Clock, actor ('town-cli') and ids. */
  readonly context: LedgerContext;
  /** WebCrypto, to hash the IDs in the file with the township's key. */
  readonly crypto: IdCrypto;
}

export interface LedgerImportSummary {
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  readonly ignoredColumns: readonly IgnoredColumn[];
}

export type LedgerImportOutcome =
  | {
      readonly ok: true;
      readonly summary: LedgerImportSummary;
      /** The events written, in file order. */
      readonly events: readonly RuleEvent[];
      readonly batchId: string;
      /** Distinct residents and households the entries are about. */
      readonly residents: number;
      readonly households: number;
      /** The rule-set versions the acts fell under. */
      readonly ruleSetVersions: readonly number[];
    }
  | {
      readonly ok: false;
      readonly summary: LedgerImportSummary;
      /** In row order. */
      readonly problems: readonly LedgerProblem[];
    };

class Refused extends Error {
  readonly outcome: LedgerImportOutcome;
  constructor(outcome: LedgerImportOutcome) {
    super('ledger import refused');
    this.outcome = outcome;
  }
}

/** Which column a refusal of the ledger core is about. */
const COLUMN_OF_CODE: { readonly [code: string]: LedgerColumnKey } = {
  'ledger.date-invalid': 'occurredOn',
  'ledger.no-rule-set': 'occurredOn',
  'ledger.duplicate-entry': 'occurredOn',
  'ledger.rule-unknown': 'ruleCode',
  'ledger.rule-subject': 'ruleCode',
  'ledger.points-required': 'ruleCode',
  'ledger.cap-times-exceeded': 'ruleCode',
  'ledger.cap-points-exceeded': 'ruleCode',
  'ledger.quantity-invalid': 'quantity',
};

export async function importLedger(db: Db, input: LedgerImportInput): Promise<LedgerImportOutcome> {
  const { villageCode, context } = input;
  const read = readLedgerTable(input.table, context.today);
  const summary: LedgerImportSummary = {
    rows: read.dataRows,
    ignoredColumns: read.ignoredColumns,
  };
  // Without its columns the file cannot be read row by row: nothing to look up.
  if (read.headerRow === 0 || read.problems.some((p) => p.row === read.headerRow))
    return { ok: false, summary, problems: read.problems };

  const problems: LedgerProblem[] = [...read.problems];
  const problem = (
    row: LedgerRow,
    key: LedgerColumnKey | undefined,
    code: ErrorCode,
    params: ErrorParams,
  ): void => {
    problems.push(cellProblem(read.columns, row.row, row.cells, key, code, params));
  };

  try {
    return await db.transaction(async (tx) => {
      await lockVillageLedger(tx, villageCode);
      const subjects = await resolveSubjects(tx, villageCode, read.rows, input.crypto);
      const sets = await loadRuleSets(tx, villageCode);
      const settings = await loadSettings(tx, villageCode);

      // Rows grouped by the rule-set version in force on the act's date: the core records
      // a batch under one version. Later groups see the rows recorded by earlier ones.
      const groups = new Map<RuleSetPolicy, { row: LedgerRow; entry: EntryRow }[]>();
      for (const row of read.rows) {
        const subject = subjects.get(row);
        if (subject === undefined) {
          const unknown =
            row.subject.type === 'resident'
              ? { key: 'idNumber' as const, code: 'ledger.resident-unknown' as const }
              : { key: 'householdNumber' as const, code: 'ledger.household-unknown' as const };
          problem(row, unknown.key, unknown.code, { value: row.cells[unknown.key] });
          continue;
        }
        const set = ruleSetInForce(sets, row.occurredOn);
        if (set === undefined) {
          problem(row, 'occurredOn', 'ledger.no-rule-set', { date: row.occurredOn });
          continue;
        }
        const rule = findRule(set, row.ruleCode);
        let unitPoints: number | undefined;
        if (row.pointsText !== '') {
          const points = readPoints(row.pointsText);
          if (points === undefined && rule !== undefined) {
            const range = pointsRange(rule);
            problem(row, 'points', 'ledger.points-out-of-range', {
              code: rule.code,
              min: range.min,
              max: range.max,
              value: row.pointsText,
            });
            continue;
          }
          if (points !== undefined)
            unitPoints = !points.signed && rule?.direction === '-' ? -points.value : points.value;
        }
        const entry: EntryRow = {
          subject,
          input: {
            ruleCode: row.ruleCode,
            occurredOn: row.occurredOn,
            quantity: row.quantity,
            ...(unitPoints === undefined ? {} : { unitPoints }),
            note: row.note,
            evidence: [],
          },
        };
        const group = groups.get(set);
        if (group === undefined) groups.set(set, [{ row, entry }]);
        else group.push({ row, entry });
      }

      const existing = await loadEvents(
        tx,
        villageCode,
        [...subjects.values()].map((subject) => subject.id),
      );
      const recorded: { row: number; event: RuleEvent }[] = [];
      let batchId: string | undefined;
      for (const [ruleSet, rows] of groups) {
        const result = recordEntries(
          rows.map((r) => r.entry),
          {
            ruleSet,
            ...(settings === undefined ? {} : { lateEntryDays: settings.lateEntryDays }),
          },
          [...existing, ...recorded.map((r): EventDoc => r.event)],
          context,
          'import',
        );
        // One import, one batch, whichever versions its acts fell under.
        batchId ??= result.batchId;
        const shared = batchId;
        for (const refused of result.refused) {
          const row = rows[refused.row]?.row;
          if (row === undefined) throw new Error('a refusal names no row of the batch');
          const params = refused.error.params ?? {};
          const key =
            refused.error.code === 'ledger.points-out-of-range'
              ? row.pointsText === ''
                ? 'ruleCode'
                : 'points'
              : COLUMN_OF_CODE[refused.error.code];
          problem(row, key, refused.error.code, params);
        }
        for (const { row, event } of result.recorded) {
          const source = rows[row]?.row;
          if (source === undefined) throw new Error('a recorded entry names no row of the batch');
          recorded.push({ row: source.row, event: { ...event, batchId: shared } });
        }
      }

      if (problems.length > 0) {
        throw new Refused({ ok: false, summary, problems: inRowOrder(problems) });
      }
      const events = recorded.sort((a, b) => a.row - b.row).map((r) => r.event);
      checkDocuments('events', events);
      await putDocuments(
        tx,
        'events',
        events.map((event) => ({ id: event.id, scope: { villageCode }, data: { ...event } })),
      );
      // The derived figures of the subjects imported about commit with the entries.
      await refreshFigures(
        tx,
        villageCode,
        events.map((event) => ({ type: event.subjectType, id: event.subjectId })),
        { today: context.today },
      );
      const about = (type: EntrySubject['type']): number =>
        new Set(events.filter((e) => e.subjectType === type).map((e) => e.subjectId)).size;
      return {
        ok: true,
        summary,
        events,
        batchId: batchId ?? '',
        residents: about('resident'),
        households: about('household'),
        ruleSetVersions: [...groups.keys()].map((set) => set.setVersion).sort((a, b) => a - b),
      };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

function inRowOrder(problems: readonly LedgerProblem[]): LedgerProblem[] {
  return problems
    .map((p, order) => ({ p, order }))
    .sort(
      (a, b) =>
        a.p.row - b.p.row || (a.p.columnIndex ?? -1) - (b.p.columnIndex ?? -1) || a.order - b.order,
    )
    .map(({ p }) => p);
}

/**
 * The resident or household each row is about: residents by the keyed hash of their ID
 * (the township's key; no key yet means no resident has an ID on this server), households
 * by 户编号. A resident's household is the one they belonged to on the act's date
 * (membership history), else their household now.
 */
async function resolveSubjects(
  db: Db,
  villageCode: string,
  rows: readonly LedgerRow[],
  crypto: IdCrypto,
): Promise<Map<LedgerRow, EntrySubject>> {
  const subjects = new Map<LedgerRow, EntrySubject>();
  const households = await loadHouseholds(db, villageCode);
  const householdByNo = new Map(households.map((h) => [h.householdNo, h]));
  const stints = stintsByResident(households);

  const numbers = new Set<string>();
  for (const row of rows) if (row.subject.type === 'resident') numbers.add(row.subject.idNumber);
  const hashOf = new Map<string, string>();
  const keys =
    numbers.size === 0 ? undefined : await findTownshipKeys(db, townshipCodeOfVillage(villageCode));
  if (keys !== undefined) {
    const protector = createIdProtector(crypto, keys);
    for (const number of numbers) hashOf.set(number, await protector.hashOf(number));
  }
  const residentByHash = new Map<string, ResidentDoc>();
  for (const resident of await findResidentsByHash(db, villageCode, [...hashOf.values()])) {
    const known = residentByHash.get(resident.idHash);
    // One ID is registered once per village; should two documents hold it, the one still
    // registered is the person.
    if (known === undefined || (known.status !== 'registered' && resident.status === 'registered'))
      residentByHash.set(resident.idHash, resident);
  }

  for (const row of rows) {
    if (row.subject.type === 'household') {
      const household = householdByNo.get(row.subject.householdNo);
      if (household !== undefined) subjects.set(row, householdSubject(household));
      continue;
    }
    const hash = hashOf.get(row.subject.idNumber);
    const resident = hash === undefined ? undefined : residentByHash.get(hash);
    if (resident === undefined) continue;
    subjects.set(row, {
      type: 'resident',
      id: resident.id,
      householdId:
        (stints.get(resident.id) ?? []).find(
          (stint) =>
            stint.from <= row.occurredOn && (stint.to === undefined || row.occurredOn < stint.to),
        )?.householdId ?? resident.householdId,
      name: resident.name,
      villageCode: resident.villageCode,
      townshipCode: resident.townshipCode,
    });
  }
  return subjects;
}

interface Stint {
  readonly householdId: string;
  readonly from: string;
  readonly to?: string;
}

function stintsByResident(households: readonly HouseholdDoc[]): Map<string, Stint[]> {
  const stints = new Map<string, Stint[]>();
  for (const household of households)
    for (const { residentId, from, to } of household.members) {
      const stint: Stint = { householdId: household.id, from, ...(to === undefined ? {} : { to }) };
      const list = stints.get(residentId);
      if (list === undefined) stints.set(residentId, [stint]);
      else list.push(stint);
    }
  return stints;
}
