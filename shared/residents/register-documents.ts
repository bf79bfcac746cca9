/**
 * A validated register import (import/validate.ts) → the documents to write: one household
 * document per planned household and one resident document per planned resident. The app
 * and the town CLI write them the same way, in one transaction.
 *
 * Membership goes through createHousehold (households.ts), like a household registered by
 * hand: every member's stint starts on `ctx.today`, the day the register was loaded (the
 * file does not say since when people live together), and each resident's `householdId`
 * is set by the same operation. Names get their search keys and IDs their protected fields
 * here, so an imported resident is found and deduplicated like any other.
 */
import type { HouseholdDoc } from '../collections/households.ts';
import type { ResidentDoc } from '../collections/residents.ts';
import { CodedError } from '../errors.ts';
import { createHousehold, type OperationContext } from './households.ts';
import type { IdProtector } from './id-protection.ts';
import type { ImportPlan, PlannedResident } from './import/validate.ts';
import { nameSearchKeys } from './search-keys.ts';

export interface RegisterDocumentsContext extends OperationContext {
  /** The village's township: the first 9 digits of the plan's village code. */
  readonly townshipCode: string;
}

export interface RegisterDocuments {
  /** In the plan's order (first appearance in the file). */
  readonly households: HouseholdDoc[];
  /** In file order. */
  readonly residents: ResidentDoc[];
}

/**
 * Builds every document of the plan. A refusal by createHousehold would mean the plan was
 * not validated against the same village (a household number taken since, two heads): it
 * is thrown as a CodedError with the household's code, and nothing is returned to write.
 */
export async function planToDocuments(
  plan: ImportPlan,
  ctx: RegisterDocumentsContext,
  protector: Pick<IdProtector, 'protect'>,
): Promise<RegisterDocuments> {
  if (plan.villageCode.slice(0, 9) !== ctx.townshipCode) {
    throw new RangeError(`village ${plan.villageCode} is not in township ${ctx.townshipCode}`);
  }
  // Encryption is asynchronous (WebCrypto); the rest is pure and synchronous.
  const protectedIds = await Promise.all(
    plan.residents.map((planned) => protector.protect(planned.idNumber)),
  );
  const bySourceRow = new Map<number, { planned: PlannedResident; doc: ResidentDoc }>();
  plan.residents.forEach((planned, index) => {
    const ids = protectedIds[index];
    if (ids === undefined) throw new Error('protect() returned fewer results than asked');
    bySourceRow.set(planned.sourceRow, {
      planned,
      doc: {
        id: ctx.newId(),
        villageCode: plan.villageCode,
        townshipCode: ctx.townshipCode,
        createdAt: ctx.now,
        createdBy: ctx.userId,
        deviceId: ctx.deviceId,
        updatedAt: ctx.now,
        updatedBy: ctx.userId,
        name: planned.name,
        ...nameSearchKeys(planned.name),
        gender: planned.gender,
        birthDate: planned.birthDate,
        ...ids,
        phone: planned.phone,
        // Set by createHousehold below.
        householdId: '',
        status: 'registered',
        tags: [...planned.tags],
        notes: planned.notes,
      },
    });
  });

  const households: HouseholdDoc[] = [];
  const homed = new Map<number, ResidentDoc>();
  const numbersInUse = new Set<string>();
  for (const household of plan.households) {
    const members = household.sourceRows.map((row) => {
      const entry = bySourceRow.get(row);
      if (entry === undefined) throw new Error(`plan household row ${row} has no resident`);
      return { resident: entry.doc, relation: entry.planned.relation };
    });
    const created = createHousehold(
      {
        number: household.number,
        houseNumber: household.houseNumber,
        address: household.address,
        groupId: household.groupId,
        tags: household.tags,
        members,
      },
      { numbersInUse },
      ctx,
    );
    if (!created.ok) throw new CodedError(created.error.code, created.error.params);
    numbersInUse.add(household.number);
    households.push(...created.value.households);
    created.value.residents.forEach((resident, index) => {
      const row = household.sourceRows[index];
      if (row !== undefined) homed.set(row, resident);
    });
  }

  const residents = plan.residents.map((planned) => {
    const resident = homed.get(planned.sourceRow);
    // validateRegister gives every row a household number; a resident left out of every
    // household would be a plan this function was not written for.
    if (resident === undefined) throw new Error(`row ${planned.sourceRow} is in no household`);
    return resident;
  });
  return { households, residents };
}
