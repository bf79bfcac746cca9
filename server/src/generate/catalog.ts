/**
 * A generated township's catalogue: the packaged rule template library and tier schemes
 * as the township publishes them (shared/ledger/templates.ts `templateCatalogDocuments`),
 * and reward items (兑换项目) from the library's examples, which the packaged library
 * carries as examples only, so they are made here.
 */
import {
  catalogId,
  type CatalogDoc,
  type RewardItem,
} from '../../../shared/collections/catalog.ts';
import { sortableId } from '../../../shared/collections/ids.ts';
import { newBase, type LedgerContext } from '../../../shared/ledger/context.ts';
import { addDays, addMonths } from '../../../shared/ledger/dates.ts';
import { DEFAULT_TEMPLATE_LIBRARY } from '../../../shared/ledger/default-templates.ts';
import { templateCatalogDocuments } from '../../../shared/ledger/templates.ts';
import { deriveSeed, randomOf } from './random.ts';
import { HISTORY_YEARS } from './sizes.ts';
import { SAMPLE_STAFF } from './village.ts';

interface RewardShape {
  readonly code: string;
  readonly category: RewardItem['category'];
}

/** Codes and categories of the library's reward examples, by their Chinese name. */
const REWARD_SHAPES: { readonly [nameZh: string]: RewardShape } = {
  '有线电视补贴（一年）': { code: 'CATV-1Y', category: 'subsidy' },
  食用油1升: { code: 'OIL-1L', category: 'goods' },
  大米5公斤: { code: 'RICE-5KG', category: 'goods' },
  免费体检一次: { code: 'CHECKUP', category: 'service' },
};

/** The township's catalogue as published on `ctx`'s date by the township's staff. */
export function townshipCatalog(townshipCode: string, ctx: LedgerContext): CatalogDoc[] {
  const place = { villageCode: '', townshipCode };
  const rewards = DEFAULT_TEMPLATE_LIBRARY.rewardExamples.map((example): RewardItem => {
    const shape = REWARD_SHAPES[example.nameZh];
    if (shape === undefined) throw new Error(`no reward code for ${example.nameZh}`);
    return {
      ...newBase(place, ctx, catalogId(townshipCode, 'reward-item', shape.code)),
      kind: 'reward-item',
      code: shape.code,
      nameZh: example.nameZh,
      nameEn: example.nameEn,
      status: 'published',
      source: example.source,
      category: shape.category,
      points: example.points,
      ...(example.perHouseholdPerYear === undefined
        ? {}
        : { perHousehold: { count: example.perHouseholdPerYear, per: 'year' as const } }),
      eligibleTiers: [...(example.eligibleTiers ?? [])],
      // 联合惩戒: subsidies never go to black-listed households.
      excludesBlackListed: shape.category === 'subsidy',
    };
  });
  return [...templateCatalogDocuments(townshipCode, ctx), ...rewards];
}

/**
 * The catalogue a generated township publishes a week before its villages' history starts
 * (village.ts), by the township's staff: the same for the same seed and date.
 */
export function sampleCatalog(townshipCode: string, today: string, seed: number): CatalogDoc[] {
  const published = addDays(addMonths(today, -12 * HISTORY_YEARS), -7);
  const random = randomOf(deriveSeed(seed, `${townshipCode}:catalog`));
  const now = Date.parse(`${published}T01:00:00Z`);
  return townshipCatalog(townshipCode, {
    now,
    today: published,
    userId: SAMPLE_STAFF.township,
    deviceId: 'town-server',
    newId: () => sortableId(now, random.bytes(10)),
  });
}
