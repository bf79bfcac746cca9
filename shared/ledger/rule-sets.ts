/**
 * A village's rule set (积分细则 / 村规民约), built from the township's template library:
 * pick templates, adjust their points within the template's range, add a few village
 * items, then record the adoption by the villagers' representative meeting (村民代表大会:
 * date and meeting reference). Pure functions returning the documents to write.
 *
 * Versions: an adopted set is frozen. A change is a new draft (setVersion + 1,
 * `supersedesId` the adopted one); adopting it supersedes the previous version. Old
 * versions stay, because a late entry is recorded under the set in force on the day of
 * the act (ruleSetInForce), and every event keeps a snapshot of its rule (snapshotRule),
 * so a renamed or re-pointed rule never rewrites history.
 *
 * Points adjustment: a range template (一事一议, pointsMin..pointsMax) may be fixed at a
 * value inside the range or narrowed; a fixed template's range is its value. A village
 * wanting another value adds its own item under its own code instead.
 */
import type { RuleSetPolicy } from '../collections/policies.ts';
import type { RuleCap, RuleDefinition, RuleSnapshot, Visibility } from '../collections/rule.ts';
import { CODE_PROPERTY } from '../collections/schema.ts';
import { fail, ok, type Result } from '../errors.ts';
import { newBase, touch, type LedgerContext, type Place } from './context.ts';
import { isCalendarDate } from './dates.ts';

const CODE_PATTERN = new RegExp(CODE_PROPERTY.pattern);
const CAP_PERIODS = new Set([
  'event',
  'month',
  'two-months',
  'quarter',
  'half-year',
  'year',
  'lifetime',
]);
const MAX_RULE_POINTS = 10_000;

/** The points a rule allows per unit, lowest first (a fixed rule's range is its value). */
export function pointsRange(rule: Pick<RuleDefinition, 'points' | 'pointsMin' | 'pointsMax'>): {
  readonly min: number;
  readonly max: number;
} {
  if (rule.points !== undefined) return { min: rule.points, max: rule.points };
  const a = rule.pointsMin ?? 0;
  const b = rule.pointsMax ?? 0;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}

function isPoints(value: number | undefined, direction: '+' | '-'): boolean {
  return (
    value !== undefined &&
    Number.isInteger(value) &&
    Math.abs(value) <= MAX_RULE_POINTS &&
    (direction === '+' ? value > 0 : value < 0)
  );
}

function isCap(cap: RuleCap): boolean {
  const positive = (n: number | undefined): boolean =>
    n === undefined || (Number.isInteger(n) && n >= 1);
  return (
    CAP_PERIODS.has(cap.per) &&
    (cap.times !== undefined || cap.points !== undefined) &&
    positive(cap.times) &&
    positive(cap.points)
  );
}

/**
 * A rule is complete and consistent: a code; names; points signed as the direction,
 * either fixed or a range (min < max, pointsMin and pointsMax as written); a validity of
 * 1-240 months; a repeat multiplier of 1-10; a cap that limits something; a direct rating
 * on deductions only. Refusal: 'ledger.rule-invalid' {code}.
 */
export function validateRule(rule: RuleDefinition): Result<RuleDefinition> {
  const invalid = fail<RuleDefinition>('ledger.rule-invalid', { code: rule.code });
  if (!CODE_PATTERN.test(rule.code) || rule.code.length > CODE_PROPERTY.maxLength) return invalid;
  if (rule.nameZh.trim() === '' || rule.category.trim() === '') return invalid;
  const fixed = rule.points !== undefined;
  const ranged = rule.pointsMin !== undefined || rule.pointsMax !== undefined;
  if (fixed === ranged) return invalid;
  if (fixed && !isPoints(rule.points, rule.direction)) return invalid;
  if (
    ranged &&
    (!isPoints(rule.pointsMin, rule.direction) ||
      !isPoints(rule.pointsMax, rule.direction) ||
      (rule.pointsMin ?? 0) >= (rule.pointsMax ?? 0))
  )
    return invalid;
  if (
    !Number.isInteger(rule.validityMonths) ||
    rule.validityMonths < 1 ||
    rule.validityMonths > 240
  )
    return invalid;
  if (
    !Number.isInteger(rule.repeatMultiplier) ||
    rule.repeatMultiplier < 1 ||
    rule.repeatMultiplier > 10
  )
    return invalid;
  if (rule.cap !== undefined && !isCap(rule.cap)) return invalid;
  if (rule.directRating !== undefined && rule.direction !== '-') return invalid;
  return ok(rule);
}

/** What a village changes about a template it picks. */
export interface TemplatePick {
  readonly templateCode: string;
  /** Fix the points at this value (within the template's range). */
  readonly points?: number;
  /** Narrow a range template's range (within the template's range). */
  readonly pointsMin?: number;
  readonly pointsMax?: number;
  readonly indicator?: string;
  readonly visibility?: Visibility;
  readonly noticeRequired?: boolean;
  /** The village's own cap, with its words. */
  readonly cap?: { readonly cap: RuleCap; readonly capText: string };
}

function withinTemplate(rule: RuleDefinition, template: RuleDefinition): Result<RuleDefinition> {
  if (rule.direction !== template.direction || rule.subject !== template.subject)
    return fail('ledger.rule-invalid', { code: rule.code });
  const allowed = pointsRange(template);
  const chosen = pointsRange(rule);
  for (const value of [chosen.min, chosen.max])
    if (value < allowed.min || value > allowed.max)
      return fail('ledger.points-out-of-range', {
        code: rule.code,
        min: allowed.min,
        max: allowed.max,
        value,
      });
  return ok(rule);
}

/** One picked template as the village's rule. */
export function pickTemplate(pick: TemplatePick, template: RuleDefinition): Result<RuleDefinition> {
  const {
    points: _p,
    pointsMin: _min,
    pointsMax: _max,
    cap: _cap,
    capText: _capText,
    ...rest
  } = template;
  let points: Pick<RuleDefinition, 'points' | 'pointsMin' | 'pointsMax'>;
  if (pick.points !== undefined) points = { points: pick.points };
  else if (pick.pointsMin !== undefined || pick.pointsMax !== undefined) {
    const range = pointsRange(template);
    const min = pick.pointsMin ?? range.min;
    const max = pick.pointsMax ?? range.max;
    points = min === max ? { points: min } : { pointsMin: min, pointsMax: max };
  } else
    points = {
      ...(template.points === undefined ? {} : { points: template.points }),
      ...(template.pointsMin === undefined ? {} : { pointsMin: template.pointsMin }),
      ...(template.pointsMax === undefined ? {} : { pointsMax: template.pointsMax }),
    };
  const cap =
    pick.cap ??
    (template.cap === undefined ? undefined : { cap: template.cap, capText: template.capText });
  const rule: RuleDefinition = {
    ...rest,
    ...points,
    ...(cap === undefined ? { capText: '' } : { cap: cap.cap, capText: cap.capText }),
    ...(pick.indicator === undefined ? {} : { indicator: pick.indicator }),
    ...(pick.visibility === undefined ? {} : { visibility: pick.visibility }),
    ...(pick.noticeRequired === undefined ? {} : { noticeRequired: pick.noticeRequired }),
    templateCode: template.templateCode ?? template.code,
  };
  const range = pointsRange(rule);
  const allowed = pointsRange(template);
  if (range.min < allowed.min || range.max > allowed.max || range.min > range.max)
    return fail('ledger.points-out-of-range', {
      code: rule.code,
      min: allowed.min,
      max: allowed.max,
      value: range.min < allowed.min || range.min > range.max ? range.min : range.max,
    });
  return validateRule(rule);
}

/**
 * Checks a whole rule list: every rule valid, codes unique, a rule taken from a template
 * kept within the template's range (when the template is still in the library; a retired
 * template no longer constrains the village's copy).
 */
export function checkRules(
  rules: readonly RuleDefinition[],
  library: readonly RuleDefinition[],
): Result<readonly RuleDefinition[]> {
  const templates = new Map(library.map((t) => [t.code, t]));
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.code)) return fail('ledger.rule-code-duplicate', { code: rule.code });
    seen.add(rule.code);
    const valid = validateRule(rule);
    if (!valid.ok) return valid;
    if (rule.templateCode === undefined) {
      // A village item may not take a template's code: the township's reports compare
      // villages by template code.
      if (templates.has(rule.code)) return fail('ledger.rule-code-duplicate', { code: rule.code });
      continue;
    }
    const template = templates.get(rule.templateCode);
    if (template === undefined) continue;
    const within = withinTemplate(rule, template);
    if (!within.ok) return within;
  }
  return ok(rules);
}

/**
 * The rule list of a set built from picks and village items. Refusals: a pick of an
 * unknown template ('ledger.rule-unknown'), points outside a template's range, an invalid
 * village item, a duplicate code.
 */
export function buildRules(
  picks: readonly TemplatePick[],
  villageItems: readonly RuleDefinition[],
  library: readonly RuleDefinition[],
): Result<readonly RuleDefinition[]> {
  const templates = new Map(library.map((t) => [t.code, t]));
  const rules: RuleDefinition[] = [];
  for (const pick of picks) {
    const template = templates.get(pick.templateCode);
    if (template === undefined) return fail('ledger.rule-unknown', { code: pick.templateCode });
    const rule = pickTemplate(pick, template);
    if (!rule.ok) return rule;
    rules.push(rule.value);
  }
  for (const item of villageItems) {
    const { templateCode: _templateCode, ...own } = item;
    rules.push(own);
  }
  return checkRules(rules, library);
}

export interface RuleSetDraftInput {
  readonly title: string;
  /** The first day acts fall under this version. */
  readonly effectiveFrom: string;
  readonly rules: readonly RuleDefinition[];
}

/**
 * A new draft version. `latest` is the village's newest version of any status (the draft
 * takes the next number and, when `latest` is adopted, supersedes it on adoption).
 */
export function draftRuleSet(
  input: RuleSetDraftInput,
  library: readonly RuleDefinition[],
  place: Place,
  latest: RuleSetPolicy | undefined,
  ctx: LedgerContext,
): Result<RuleSetPolicy> {
  if (!isCalendarDate(input.effectiveFrom))
    return fail('ledger.date-invalid', { value: input.effectiveFrom });
  const rules = checkRules(input.rules, library);
  if (!rules.ok) return rules;
  return ok({
    ...newBase(place, ctx),
    kind: 'rule-set',
    status: 'draft',
    setVersion: latest === undefined ? 1 : latest.setVersion + 1,
    title: input.title,
    rules: rules.value,
    effectiveFrom: input.effectiveFrom,
    ...(latest?.status === 'adopted' ? { supersedesId: latest.id } : {}),
  });
}

/** A new draft that starts as a copy of an adopted version: how a change begins. */
export function draftNextVersion(
  adopted: RuleSetPolicy,
  input: Partial<RuleSetDraftInput>,
  library: readonly RuleDefinition[],
  ctx: LedgerContext,
): Result<RuleSetPolicy> {
  return draftRuleSet(
    {
      title: input.title ?? adopted.title,
      effectiveFrom: input.effectiveFrom ?? ctx.today,
      rules: input.rules ?? adopted.rules,
    },
    library,
    adopted,
    adopted,
    ctx,
  );
}

/** Edits a draft; an adopted, superseded or abandoned version is never edited. */
export function editRuleSetDraft(
  draft: RuleSetPolicy,
  changes: Partial<RuleSetDraftInput>,
  library: readonly RuleDefinition[],
  ctx: LedgerContext,
): Result<RuleSetPolicy> {
  if (draft.status !== 'draft')
    return fail('ledger.rule-set-not-draft', { version: draft.setVersion });
  const effectiveFrom = changes.effectiveFrom ?? draft.effectiveFrom;
  if (!isCalendarDate(effectiveFrom)) return fail('ledger.date-invalid', { value: effectiveFrom });
  const rules = checkRules(changes.rules ?? draft.rules, library);
  if (!rules.ok) return rules;
  return ok(
    touch(draft, { title: changes.title ?? draft.title, rules: rules.value, effectiveFrom }, ctx),
  );
}

export interface AdoptionInput {
  /** 村民代表大会 meeting reference as minuted. */
  readonly meetingRef: string;
  readonly meetingOn: string;
}

/**
 * Records the adoption of a draft: it becomes 'adopted' with the meeting's date and
 * reference, and the version it supersedes (if adopted) becomes 'superseded'. Returns the
 * documents to write. Refusals: not a draft, no meeting reference or date, no rules.
 */
export function adoptRuleSet(
  draft: RuleSetPolicy,
  adoption: AdoptionInput,
  superseded: RuleSetPolicy | undefined,
  ctx: LedgerContext,
): Result<readonly RuleSetPolicy[]> {
  if (draft.status !== 'draft')
    return fail('ledger.rule-set-not-draft', { version: draft.setVersion });
  if (adoption.meetingRef.trim() === '' || draft.rules.length === 0)
    return fail('ledger.adoption-incomplete');
  if (!isCalendarDate(adoption.meetingOn) || adoption.meetingOn > ctx.today)
    return fail('ledger.date-invalid', { value: adoption.meetingOn });
  const adopted = touch(
    draft,
    {
      status: 'adopted',
      adoption: {
        meetingRef: adoption.meetingRef.trim(),
        meetingOn: adoption.meetingOn,
        by: ctx.userId,
        at: ctx.now,
      },
    },
    ctx,
  );
  if (superseded === undefined || superseded.status !== 'adopted' || superseded.id === draft.id)
    return ok([adopted]);
  return ok([adopted, touch(superseded, { status: 'superseded' }, ctx)]);
}

/**
 * The version whose rules apply to an act on `date`: among adopted and superseded
 * versions that took effect on or before it, the latest (by effectiveFrom, then version).
 */
export function ruleSetInForce(
  sets: readonly RuleSetPolicy[],
  date: string,
): RuleSetPolicy | undefined {
  let best: RuleSetPolicy | undefined;
  for (const set of sets) {
    if (set.status !== 'adopted' && set.status !== 'superseded') continue;
    if (set.effectiveFrom > date) continue;
    if (
      best === undefined ||
      set.effectiveFrom > best.effectiveFrom ||
      (set.effectiveFrom === best.effectiveFrom && set.setVersion > best.setVersion)
    )
      best = set;
  }
  return best;
}

export function findRule(set: RuleSetPolicy, code: string): RuleDefinition | undefined {
  return set.rules.find((rule) => rule.code === code);
}

/** What an event keeps of its rule: the rule as it is now, with the unit points applied. */
export function snapshotRule(rule: RuleDefinition, unitPoints: number): RuleSnapshot {
  return {
    code: rule.code,
    category: rule.category,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    direction: rule.direction,
    points: unitPoints,
    subject: rule.subject,
    validityMonths: rule.validityMonths,
    ...(rule.directRating === undefined ? {} : { directRating: rule.directRating }),
    repeatMultiplier: rule.repeatMultiplier,
    visibility: rule.visibility,
    noticeRequired: rule.noticeRequired,
  };
}

/**
 * The whole library adopted as it is (the town CLI's `rules adopt-defaults`): a draft of
 * every template with the template's points, adopted at once with the meeting given.
 */
export function adoptLibrary(
  input: { readonly title: string; readonly effectiveFrom: string } & AdoptionInput,
  library: readonly RuleDefinition[],
  place: Place,
  latest: RuleSetPolicy | undefined,
  ctx: LedgerContext,
): Result<readonly RuleSetPolicy[]> {
  const rules = buildRules(
    library.map((t) => ({ templateCode: t.code })),
    [],
    library,
  );
  if (!rules.ok) return rules;
  const draft = draftRuleSet(
    { title: input.title, effectiveFrom: input.effectiveFrom, rules: rules.value },
    library,
    place,
    latest,
    ctx,
  );
  if (!draft.ok) return draft;
  return adoptRuleSet(draft.value, input, latest, ctx);
}
