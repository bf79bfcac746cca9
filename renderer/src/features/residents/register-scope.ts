/**
 * Who is working on which register: the village, the signed-in user and device, and the
 * township's ID protector, taken from the session. Every write of the register screens is
 * stamped from here (createdBy/updatedBy, deviceId) and dated by the village's calendar.
 */
import type { Role } from '../../../../shared/auth/roles.ts';
import { sortableId } from '../../../../shared/collections/ids.ts';
import { chinaDateOf } from '../../../../shared/ledger/dates.ts';
import type { IdProtector } from '../../../../shared/residents/id-protection.ts';
import type { RegisterDocumentsContext } from '../../../../shared/residents/register-documents.ts';
import type { Session } from '../../auth/session.ts';

export interface RegisterScope {
  readonly villageCode: string;
  readonly townshipCode: string;
  readonly userId: string;
  readonly role: Role;
  readonly deviceId: string;
  /** Null for roles that never handle ID numbers: they cannot register anyone. */
  readonly idProtector: IdProtector | null;
}

/**
 * Roles that may see a stored ID number in full (查看完整身份证号) and export full numbers:
 * the village's administrator (村委负责人) and its reviewer (the second person who checks
 * records), and the township administrator, who loads registers for villages. The clerk
 * (录入员) types numbers in but works with masked ones afterwards; the bank liaison never
 * sees them (PIPL: the fewest people who need the number). Every reveal is logged.
 */
export const ID_REVEAL_ROLES: readonly Role[] = [
  'village_admin',
  'village_reviewer',
  'township_admin',
];

/** The register of the signed-in user's village; null for township roles (no village). */
export function registerScopeOf(session: Session): RegisterScope | null {
  const { principal } = session;
  if (principal.villageCode === null) return null;
  return {
    villageCode: principal.villageCode,
    townshipCode: principal.townshipCode,
    userId: principal.userId,
    role: principal.role,
    deviceId: session.deviceId,
    idProtector: session.idProtector,
  };
}

/** Whether this user may reveal stored IDs (and so export them in full). */
export function mayRevealIds(scope: RegisterScope): boolean {
  return scope.idProtector !== null && ID_REVEAL_ROLES.includes(scope.role);
}

/** A new sortable document id (ULID layout), made on this device. */
export function newDocumentId(): string {
  return sortableId(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

/** The clock, actor and id source of one operation, as the shared operations need it. */
export function operationContext(scope: RegisterScope, at = new Date()): RegisterDocumentsContext {
  return {
    now: at.getTime(),
    today: chinaDateOf(at.getTime()),
    userId: scope.userId,
    deviceId: scope.deviceId,
    townshipCode: scope.townshipCode,
    newId: newDocumentId,
  };
}
