/**
 * Staff roles. Village roles are scoped to one village (12-digit code); township roles and
 * the bank liaison to one township (9-digit code). What each role may do is decided where
 * it is done (the town server's routes, the app's screens) from these names.
 */
export const ROLES = [
  'township_admin',
  'village_admin',
  'village_clerk',
  'village_reviewer',
  'bank_liaison',
] as const;

export type Role = (typeof ROLES)[number];

export type RoleScope = 'village' | 'township';

export const ROLE_SCOPE: { readonly [R in Role]: RoleScope } = {
  township_admin: 'township',
  village_admin: 'village',
  village_clerk: 'village',
  village_reviewer: 'village',
  bank_liaison: 'township',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is signed in: what the server puts in a session and the app keeps for the user. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The village of a village role; null for township roles. */
  readonly villageCode: string | null;
  readonly townshipCode: string;
}

/**
 * A username as accounts store and match it: trimmed, lower case. The app and the server
 * both use it, so 'Wang.Li ' typed on a device finds the account 'wang.li'.
 */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
