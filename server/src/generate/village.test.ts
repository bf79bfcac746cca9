import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDoc } from '../../../shared/collections/catalog.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import { sortableId } from '../../../shared/collections/ids.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { parseCitizenId } from '../../../shared/residents/citizen-id.ts';
import {
  createIdProtector,
  type IdCrypto,
  type TownshipKeys,
} from '../../../shared/residents/id-protection.ts';
import { documentProblem } from '../sync/validation.ts';
import { townshipCatalog } from './catalog.ts';
import { randomOf } from './random.ts';
import { SAMPLE_STAFF, generateVillage, type GeneratedVillage } from './village.ts';

const TOWNSHIP = '371003190';
const VILLAGE = { code: '371003190201', name: '南港村', households: 150 };
const TODAY = '2026-06-15';
const KEYS: TownshipKeys = {
  keyId: `${TOWNSHIP}-test`,
  encryptionKey: new Uint8Array(32).fill(7),
  hashKey: new Uint8Array(32).fill(9),
};

/**
 * WebCrypto with a seeded random source, so even the ciphers (random IVs) repeat: the
 * generator is deterministic given the protector; the server's loader uses the real one.
 */
function seededCrypto(seed: number): IdCrypto {
  const random = randomOf(seed);
  return {
    subtle: globalThis.crypto.subtle,
    getRandomValues: (array) => {
      array.set(random.bytes(array.length));
      return array;
    },
  };
}

function catalog(): CatalogDoc[] {
  const now = Date.parse('2021-06-01T01:00:00Z');
  let n = 0;
  return townshipCatalog(TOWNSHIP, {
    now,
    today: '2021-06-01',
    userId: SAMPLE_STAFF.township,
    deviceId: 'town-server',
    newId: () => sortableId(now, new Uint8Array(10).fill((n += 1))),
  });
}

function generate(seed: number, issuedIds?: Set<string>): Promise<GeneratedVillage> {
  return generateVillage({
    village: VILLAGE,
    seed,
    today: TODAY,
    catalog: catalog(),
    protector: createIdProtector(seededCrypto(seed), KEYS),
    ...(issuedIds === undefined ? {} : { issuedIds }),
  });
}

function documentsOf(village: GeneratedVillage): [CollectionName, { readonly id: string }[]][] {
  return [
    ['policies', [...village.policies]],
    ['residents', [...village.residents]],
    ['households', [...village.households]],
    ['events', [...village.events]],
    ['notices', [...village.notices]],
    ['cases', [...village.cases]],
    ['redemptions', [...village.redemptions]],
  ];
}

describe('the village generator', () => {
  let village: GeneratedVillage;

  beforeAll(async () => {
    village = await generate(2026);
  });

  it('gives the same documents for the same seed, and another village for another seed', async () => {
    const again = await generate(2026);
    expect(JSON.stringify(documentsOf(again))).toBe(JSON.stringify(documentsOf(village)));
    const other = await generate(2027);
    expect(other.residents.map((r) => r.name)).not.toEqual(village.residents.map((r) => r.name));
  });

  it('writes only documents a device would accept (the collections’ schemas)', () => {
    const problems: string[] = [];
    for (const [collection, docs] of documentsOf(village))
      for (const doc of docs) {
        const problem = documentProblem(collection, doc);
        if (problem !== undefined) problems.push(`${collection} ${doc.id}: ${problem}`);
      }
    for (const doc of catalog()) {
      const problem = documentProblem('catalog', doc as unknown as Record<string, unknown>);
      if (problem !== undefined) problems.push(`catalog ${doc.id}: ${problem}`);
    }
    expect(problems).toEqual([]);
    const ids = documentsOf(village).flatMap(([, docs]) => docs.map((doc) => doc.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers about 500 residents in 150 households, every ID valid, unique and protected', async () => {
    expect(village.households).toHaveLength(150);
    expect(village.residents.length).toBeGreaterThan(400);
    expect(village.residents.length).toBeLessThan(650);
    const protector = createIdProtector(globalThis.crypto, KEYS);
    const numbers = new Set<string>();
    for (const resident of village.residents) {
      const number = await protector.reveal(resident.idNumberCipher);
      const parsed = parseCitizenId(number, TODAY);
      expect(parsed.ok).toBe(true);
      expect(resident.idLast4).toBe(number.slice(-4));
      expect(resident.idHash).toBe(await protector.hashOf(number));
      expect(resident.birthDate).toBe(parsed.ok ? parsed.value.birthDate : '');
      numbers.add(number);
    }
    expect(numbers.size).toBe(village.residents.length);
    // Every household has one head among its members, and every member points back at it.
    const residentById = new Map(village.residents.map((r) => [r.id, r]));
    for (const household of village.households) {
      expect(household.members.filter((m) => m.relation === 'head')).toHaveLength(1);
      for (const member of household.members)
        expect(residentById.get(member.residentId)?.householdId).toBe(household.id);
    }
  });

  it('keeps the IDs of a township’s villages apart', async () => {
    const issued = new Set<string>();
    const first = await generate(5, issued);
    const count = issued.size;
    expect(count).toBe(first.residents.length);
    // The same seed would draw the same IDs: the second village must get others.
    await generate(5, issued);
    expect(issued.size).toBe(count * 2);
  });

  it('records five years of entries at realistic rates through the workflow', () => {
    const perResidentYear = village.events.length / village.residents.length / 5;
    expect(perResidentYear).toBeGreaterThan(4);
    expect(perResidentYear).toBeLessThan(9);
    const kinds = countBy(village.events, (e) => e.kind);
    const rated = (kinds['accrual'] ?? 0) + (kinds['deduction'] ?? 0);
    const deductionShare = (kinds['deduction'] ?? 0) / rated;
    expect(deductionShare).toBeGreaterThan(0.005);
    expect(deductionShare).toBeLessThan(0.08);
    expect(
      village.events.every((e) => e.occurredOn >= village.start && e.occurredOn <= TODAY),
    ).toBe(true);
    // Reviewed by someone else, noticed, then effective; the last days still in the queue.
    const statuses = countBy(village.events, (e) => e.status);
    expect(statuses['effective']).toBeGreaterThan(rated * 0.9);
    expect(statuses['submitted']).toBeGreaterThan(0);
    expect(statuses['in-notice']).toBeGreaterThan(0);
    expect(statuses['returned']).toBeGreaterThan(0);
    for (const event of village.events)
      if (event.review !== undefined) expect(event.review.by).not.toBe(event.createdBy);
    const noticed = new Set(village.notices.flatMap((n) => n.itemIds));
    for (const event of village.events)
      if ((event.kind === 'accrual' || event.kind === 'deduction') && event.status === 'effective')
        expect(noticed.has(event.id)).toBe(true);
    expect(village.stats.lateEntries).toBeGreaterThan(0);
  });

  it('has objections, reversals and redemptions, each consistent with the ledger', () => {
    expect(village.cases.length).toBeGreaterThan(0);
    expect(village.redemptions.length).toBeGreaterThan(0);
    const byId = new Map(village.events.map((e) => [e.id, e]));
    for (const objection of village.cases) expect(byId.has(objection.targetId)).toBe(true);
    const reversals = village.events.filter((e) => e.kind === 'reversal');
    expect(reversals.length).toBeGreaterThan(0);
    for (const reversal of reversals) {
      const target = byId.get(reversal.reversalOf);
      expect(target?.points).toBe(-reversal.points);
    }
    for (const redemption of village.redemptions) {
      const debit = byId.get(redemption.debitEventId);
      expect(debit).toMatchObject({
        kind: 'redemption-debit',
        subjectId: redemption.householdId,
        points: -redemption.totalPoints,
      });
    }
  });
});

function countBy(
  events: readonly EventDoc[],
  key: (e: EventDoc) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) counts[key(event)] = (counts[key(event)] ?? 0) + 1;
  return counts;
}
