/**
 * The collection plan: every synced collection of the local database and the town server's
 * document store. RxDB's free version opens at most 13 collections per process; we use 12,
 * grouping entities that share a lifecycle (see shared/collections/README.md).
 *
 * Who owns a collection decides who may write it when syncing: `village` collections are
 * written by village devices of that village; `township` collections are published by the
 * township and only read by villages.
 */
export const COLLECTION_NAMES = [
  'residents',
  'households',
  'events',
  'notices',
  'cases',
  'commitments',
  'ratings',
  'policies',
  'catalog',
  'redemptions',
  'referrals',
  'journal',
] as const;

export type CollectionName = (typeof COLLECTION_NAMES)[number];

export type CollectionOwner = 'village' | 'township';

export const COLLECTION_OWNER: { readonly [C in CollectionName]: CollectionOwner } = {
  residents: 'village',
  households: 'village',
  events: 'village',
  notices: 'village',
  cases: 'village',
  commitments: 'village',
  ratings: 'village',
  policies: 'village',
  catalog: 'township',
  redemptions: 'village',
  referrals: 'village',
  journal: 'village',
};

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && (COLLECTION_NAMES as readonly string[]).includes(value);
}
