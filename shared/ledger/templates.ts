/**
 * The township's rule template library (积分细则模板库): the packaged defaults
 * (default-templates.ts) turned into rule definitions and catalog documents, and catalog
 * templates turned into the rules a village adopts.
 *
 * The source leaves some attributes out; the defaults filled in here are:
 * - `cap`: the source's words read by CAP_MEANINGS ('at most 3 a year' → 3 times a calendar
 *   year). 'once per tier' (the volunteer-hours tiers) is read as once a calendar year per
 *   tier, since each tier has its own rule and hours are counted per scoring year;
 *   'at most 40 a year' on the per-100-yuan donation rule is 40 points a year; 'per
 *   inspection' is one unit per entry. The source's words stay in `capText`.
 * - `repeatMultiplier`: 1 where the source gives none (its bonuses).
 * - `visibility`: bonuses named, deductions anonymised on public sheets (lists and
 *   notices show breaches anonymised by default).
 * - `noticeRequired`: true (every entry is publicly noticed unless a village decides
 *   otherwise for a rule).
 * - `indicator` (量化指标): '' — the source has none; a village writes its own.
 * - `evidence`: '' where the source names none (its deductions).
 */
import {
  catalogId,
  type RuleTemplate,
  type TierBand,
  type TierScheme,
} from '../collections/catalog.ts';
import type { DirectRating, RuleCap, RuleDefinition } from '../collections/rule.ts';
import { newBase, type LedgerContext } from './context.ts';
import {
  DEFAULT_TEMPLATE_LIBRARY,
  type TemplateLibrarySource,
  type TemplateRuleSource,
  type TierSchemeSource,
} from './default-templates.ts';

/** How the library's cap texts are enforced. Every cap text of the library is listed. */
export const CAP_MEANINGS: Readonly<Record<string, RuleCap>> = {
  'at most 2 a month': { per: 'month', times: 2 },
  'once per quarter': { per: 'quarter', times: 1 },
  'once per two months': { per: 'two-months', times: 1 },
  'once per half-year': { per: 'half-year', times: 1 },
  'at most 3 a year': { per: 'year', times: 3 },
  'at most 40 a year': { per: 'year', points: 40 },
  'once per tier': { per: 'year', times: 1 },
  'per inspection': { per: 'event', times: 1 },
};

/** 公示天数 when the village has not set one. */
export const DEFAULT_NOTICE_DAYS = 7;
/** Entries recorded more than this many days after the act are flagged (补录). */
export const DEFAULT_LATE_ENTRY_DAYS = DEFAULT_TEMPLATE_LIBRARY.validityDefaults.lateEntryDays;
/** The Wendeng/Rongcheng 1000-base scheme, AAA … D. */
export const DEFAULT_TIER_SCHEME_CODE = 'credit1000';

/** A tier scheme's values, whether from the packaged library or a catalog document. */
export interface TierSchemeValues {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly base: number;
  /** Highest tier first. */
  readonly bands: readonly TierBand[];
  readonly directRatingValidityMonths?: {
    readonly [R in DirectRating]?: number;
  };
  readonly source: string;
}

const SCHEME_NAMES_EN: Readonly<Record<string, string>> = {
  credit1000: '1000-point credit tiers',
  stars5: 'Star-rated civilised households',
};

/** The cap a cap text stands for; undefined for no text. An unknown text is a programming error. */
export function capOfText(text: string | undefined): RuleCap | undefined {
  if (text === undefined || text === '') return undefined;
  const cap = CAP_MEANINGS[text];
  if (cap === undefined) throw new RangeError(`no meaning for the cap text "${text}"`);
  return cap;
}

/** A library rule as a complete rule definition (defaults above), its own template. */
export function ruleFromSource(source: TemplateRuleSource): RuleDefinition {
  const cap = capOfText(source.cap);
  return {
    code: source.code,
    category: source.category,
    nameZh: source.nameZh,
    nameEn: source.nameEn,
    indicator: '',
    direction: source.direction,
    ...(source.points === undefined ? {} : { points: source.points }),
    ...(source.pointsMin === undefined ? {} : { pointsMin: source.pointsMin }),
    ...(source.pointsMax === undefined ? {} : { pointsMax: source.pointsMax }),
    subject: source.subject,
    ...(cap === undefined ? {} : { cap }),
    capText: source.cap ?? '',
    evidence: source.evidence ?? '',
    validityMonths: source.validityMonths,
    ...(source.directRating === undefined ? {} : { directRating: source.directRating }),
    repeatMultiplier: source.repeatMultiplier ?? 1,
    visibility: source.direction === '+' ? 'named' : 'anonymised',
    noticeRequired: true,
    templateCode: source.code,
  };
}

export function tierSchemeFromSource(source: TierSchemeSource): TierSchemeValues {
  return {
    code: source.id,
    nameZh: source.nameZh,
    nameEn: SCHEME_NAMES_EN[source.id] ?? '',
    base: source.base,
    bands: source.bands,
    ...(source.directRatingValidityMonths === undefined
      ? {}
      : { directRatingValidityMonths: source.directRatingValidityMonths }),
    source: source.source,
  };
}

/** Every rule of the packaged library, in its order. */
export function defaultRules(
  library: TemplateLibrarySource = DEFAULT_TEMPLATE_LIBRARY,
): readonly RuleDefinition[] {
  return library.rules.map(ruleFromSource);
}

export function defaultTierSchemes(
  library: TemplateLibrarySource = DEFAULT_TEMPLATE_LIBRARY,
): readonly TierSchemeValues[] {
  return library.tierSchemes.map(tierSchemeFromSource);
}

/** The default tier scheme (credit1000: base 1000, AAA ≥ 1050 … D ≤ 599). */
export function defaultTierScheme(): TierSchemeValues {
  const scheme = defaultTierSchemes().find((s) => s.code === DEFAULT_TIER_SCHEME_CODE);
  if (scheme === undefined) throw new Error('the packaged library lacks its default tier scheme');
  return scheme;
}

/** A catalog template (as synced down to a village) as the rule a village adopts. */
export function ruleFromTemplate(template: RuleTemplate): RuleDefinition {
  return {
    code: template.code,
    category: template.category,
    nameZh: template.nameZh,
    nameEn: template.nameEn,
    indicator: template.indicator,
    direction: template.direction,
    ...(template.points === undefined ? {} : { points: template.points }),
    ...(template.pointsMin === undefined ? {} : { pointsMin: template.pointsMin }),
    ...(template.pointsMax === undefined ? {} : { pointsMax: template.pointsMax }),
    subject: template.subject,
    ...(template.cap === undefined ? {} : { cap: template.cap }),
    capText: template.capText,
    evidence: template.evidence,
    validityMonths: template.validityMonths,
    ...(template.directRating === undefined ? {} : { directRating: template.directRating }),
    repeatMultiplier: template.repeatMultiplier,
    visibility: template.visibility,
    noticeRequired: template.noticeRequired,
    templateCode: template.code,
  };
}

/** A catalog tier scheme document's values. */
export function tierSchemeFromCatalog(doc: TierScheme): TierSchemeValues {
  return {
    code: doc.code,
    nameZh: doc.nameZh,
    nameEn: doc.nameEn,
    base: doc.base,
    bands: doc.bands,
    ...(doc.directRatingValidityMonths === undefined
      ? {}
      : { directRatingValidityMonths: doc.directRatingValidityMonths }),
    source: doc.source,
  };
}

/**
 * The packaged library as the catalog documents a township publishes to all its villages
 * (`villageCode` ''): one 'rule-template' per rule and one 'tier-scheme' per scheme, with
 * the deterministic ids of catalogId, so publishing again updates rather than duplicates.
 */
export function templateCatalogDocuments(
  townshipCode: string,
  ctx: LedgerContext,
  library: TemplateLibrarySource = DEFAULT_TEMPLATE_LIBRARY,
): readonly (RuleTemplate | TierScheme)[] {
  const place = { villageCode: '', townshipCode };
  const templates = library.rules.map((source): RuleTemplate => {
    const { code, nameZh, nameEn, templateCode: _templateCode, ...rule } = ruleFromSource(source);
    return {
      ...newBase(place, ctx, catalogId(townshipCode, 'rule-template', code)),
      kind: 'rule-template',
      code,
      nameZh,
      nameEn,
      status: 'published',
      source: source.source,
      ...rule,
    };
  });
  const schemes = library.tierSchemes.map((source): TierScheme => {
    const scheme = tierSchemeFromSource(source);
    return {
      ...newBase(place, ctx, catalogId(townshipCode, 'tier-scheme', scheme.code)),
      kind: 'tier-scheme',
      code: scheme.code,
      nameZh: scheme.nameZh,
      nameEn: scheme.nameEn,
      status: 'published',
      source: scheme.source,
      base: scheme.base,
      bands: scheme.bands,
      ...(scheme.directRatingValidityMonths === undefined
        ? {}
        : { directRatingValidityMonths: scheme.directRatingValidityMonths }),
    };
  });
  return [...templates, ...schemes];
}
