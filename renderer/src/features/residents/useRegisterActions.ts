import { useMemo } from 'react';
import type { Relation } from '../../../../shared/collections/households.ts';
import { appErrorOf } from '../../../../shared/errors.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useRegister } from './RegisterContext.ts';
import {
  addNewMember,
  changeHeadOf,
  duplicateOf,
  joinHousehold,
  mergeInto,
  moveMember,
  registerHousehold,
  splitOff,
  updateHousehold,
  updateResident,
  type ActionResult,
  type HouseholdDetails,
  type NewMember,
} from './register-actions.ts';
import { operationContext } from './register-scope.ts';
import { createGroups, householdNumberTaken } from './register-store.ts';
import type { CheckedResident } from './resident-values.ts';

type MemberRelation = { readonly residentId: string; readonly relation: Relation };

/** A thrown CodedError (a failed write) becomes a refusal the form can show. */
async function guarded<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    console.error('register action failed', error);
    return { ok: false, error: appErrorOf(error, 'localdb.write-failed') };
  }
}

/** The register's operations, bound to this device's database and the signed-in user. */
export function useRegisterActions() {
  const { db } = useAppServices();
  const { scope } = useRegister();
  return useMemo(
    () => ({
      registerHousehold: (details: HouseholdDetails, members: readonly NewMember[]) =>
        guarded(() => registerHousehold(db, scope, details, members)),
      updateHousehold: (householdId: string, details: HouseholdDetails) =>
        guarded(() => updateHousehold(db, scope, householdId, details)),
      updateResident: (residentId: string, checked: CheckedResident, keepId: boolean) =>
        guarded(() => updateResident(db, scope, residentId, checked, keepId)),
      addNewMember: (householdId: string, member: NewMember, on: string) =>
        guarded(() => addNewMember(db, scope, householdId, member, on)),
      joinHousehold: (residentId: string, householdId: string, relation: Relation, on: string) =>
        guarded(() => joinHousehold(db, scope, residentId, householdId, relation, on)),
      moveMember: (residentId: string, toHouseholdId: string, relation: Relation, on: string) =>
        guarded(() => moveMember(db, scope, residentId, toHouseholdId, relation, on)),
      splitOff: (
        fromHouseholdId: string,
        details: HouseholdDetails,
        members: readonly MemberRelation[],
        on: string,
      ) => guarded(() => splitOff(db, scope, fromHouseholdId, details, members, on)),
      mergeInto: (
        intoHouseholdId: string,
        fromHouseholdId: string,
        relations: readonly MemberRelation[],
        on: string,
      ) => guarded(() => mergeInto(db, scope, intoHouseholdId, fromHouseholdId, relations, on)),
      changeHeadOf: (
        householdId: string,
        newHeadId: string,
        relations: readonly MemberRelation[],
        on: string,
      ) => guarded(() => changeHeadOf(db, scope, householdId, newHeadId, relations, on)),
      /** 'resident.id-duplicate' for a number someone else in the village holds. */
      duplicateOf: async (number: string, exceptResidentId?: string) =>
        scope.idProtector === null
          ? undefined
          : duplicateOf(db, scope, scope.idProtector, number, exceptResidentId),
      /** Whether another household of the village (closed ones included) has this number. */
      numberTaken: (number: string) => householdNumberTaken(db, scope.villageCode, number.trim()),
      createGroup: (name: string) =>
        guarded(async () => {
          const [created] = await createGroups(db, scope, operationContext(scope), [name]);
          return { ok: true, value: created };
        }),
      today: () => operationContext(scope).today,
    }),
    [db, scope],
  );
}

export type RegisterActions = ReturnType<typeof useRegisterActions>;
