/**
 * What the rules screen writes: the village's rule-set documents (积分细则) produced by the
 * shared rule-set operations, each with its audit line (审计记录). Pure: the screen's hook
 * reads the ledger's current rule sets, calls one of these with the clock and the user,
 * and writes what comes back (writeLedger).
 *
 * Versions: the village's versions are numbered in order of creation whatever their fate,
 * so a draft made after an abandoned one takes the next free number, never a number twice.
 */
import type { AuditEntry } from '../../../../../shared/collections/journal.ts';
import type {
  PolicyDoc,
  RollUp,
  RuleSetPolicy,
  SettingsPolicy,
} from '../../../../../shared/collections/policies.ts';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import { touch, type LedgerContext, type Place } from '../../../../../shared/ledger/context.ts';
import { isCalendarDate } from '../../../../../shared/ledger/dates.ts';
import {
  adoptLibrary,
  adoptRuleSet,
  draftNextVersion,
  editRuleSetDraft,
  type RuleSetDraftInput,
} from '../../../../../shared/ledger/rule-sets.ts';

export interface RuleSetWrites {
  readonly policies: readonly PolicyDoc[];
  readonly journal: readonly AuditEntry[];
}

/** An audit line for a change of a village policy document (rule set, settings). */
export function policyAudit(
  place: Place,
  ctx: LedgerContext,
  action: string,
  target: PolicyDoc,
  changedFields: readonly string[],
): AuditEntry {
  return {
    id: ctx.newId(),
    villageCode: place.villageCode,
    townshipCode: place.townshipCode,
    createdAt: ctx.now,
    createdBy: ctx.userId,
    deviceId: ctx.deviceId,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
    kind: 'audit',
    subjectId: '',
    purpose: '',
    action,
    targetCollection: 'policies',
    targetId: target.id,
    changedFields: [...changedFields],
  };
}

/** Versions that were adopted (in force now, later, or before a newer one). */
export function adoptedVersions(ruleSets: readonly RuleSetPolicy[]): readonly RuleSetPolicy[] {
  return ruleSets.filter((set) => set.status === 'adopted' || set.status === 'superseded');
}

function highestVersion(ruleSets: readonly RuleSetPolicy[]): RuleSetPolicy | undefined {
  let best: RuleSetPolicy | undefined;
  for (const set of ruleSets)
    if (best === undefined || set.setVersion > best.setVersion) best = set;
  return best;
}

/** The newest adopted version (the one a new version supersedes). */
export function currentAdopted(ruleSets: readonly RuleSetPolicy[]): RuleSetPolicy | undefined {
  return highestVersion(ruleSets.filter((set) => set.status === 'adopted'));
}

/** The draft being prepared, if any (the newest when several exist). */
export function openDraft(ruleSets: readonly RuleSetPolicy[]): RuleSetPolicy | undefined {
  return highestVersion(ruleSets.filter((set) => set.status === 'draft'));
}

export interface DefaultsAdoption {
  readonly title: string;
  /** 村民代表大会 date; the set is in force from it. */
  readonly meetingOn: string;
  readonly meetingRef: string;
}

/**
 * The library adopted whole, in force from the meeting's date. Refused when the village
 * already has an adopted set ('ledger.rule-set-exists'): a change is a new version.
 */
export function adoptDefaultsWrites(
  ruleSets: readonly RuleSetPolicy[],
  library: readonly RuleDefinition[],
  input: DefaultsAdoption,
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  const existing = highestVersion(adoptedVersions(ruleSets));
  if (existing !== undefined)
    return fail('ledger.rule-set-exists', {
      version: existing.setVersion,
      effectiveFrom: existing.effectiveFrom,
    });
  if (!isCalendarDate(input.meetingOn))
    return fail('ledger.date-invalid', { value: input.meetingOn });
  const adopted = adoptLibrary(
    {
      title: input.title.trim(),
      effectiveFrom: input.meetingOn,
      meetingOn: input.meetingOn,
      meetingRef: input.meetingRef,
    },
    library,
    place,
    highestVersion(ruleSets),
    ctx,
  );
  if (!adopted.ok) return adopted;
  return ok({
    policies: adopted.value,
    journal: adopted.value.map((doc) =>
      policyAudit(place, ctx, 'rule-set.adopt', doc, ['status', 'adoption', 'rules']),
    ),
  });
}

/** 修订细则: a draft of the next version, a copy of the newest adopted one. */
export function startRevisionWrites(
  ruleSets: readonly RuleSetPolicy[],
  library: readonly RuleDefinition[],
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  const adopted = currentAdopted(ruleSets);
  if (adopted === undefined || openDraft(ruleSets) !== undefined)
    return fail('ledger.state-changed');
  const draft = draftNextVersion(adopted, { effectiveFrom: ctx.today }, library, ctx);
  if (!draft.ok) return draft;
  const newest = highestVersion(ruleSets);
  // An abandoned draft may hold the number after the adopted version: take the next free one.
  const setVersion = Math.max(draft.value.setVersion, (newest?.setVersion ?? 0) + 1);
  const doc: RuleSetPolicy = { ...draft.value, setVersion };
  return ok({
    policies: [doc],
    journal: [policyAudit(place, ctx, 'rule-set.draft', doc, ['rules'])],
  });
}

/** A change to the draft (title, rules); checked against the library by the shared code. */
export function editDraftWrites(
  draft: RuleSetPolicy,
  changes: Partial<RuleSetDraftInput>,
  library: readonly RuleDefinition[],
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  const edited = editRuleSetDraft(draft, changes, library, ctx);
  if (!edited.ok) return edited;
  return ok({
    policies: [edited.value],
    journal: [policyAudit(place, ctx, 'rule-set.edit', edited.value, Object.keys(changes))],
  });
}

export interface VersionAdoption {
  readonly meetingOn: string;
  readonly meetingRef: string;
  /** The first day acts fall under the new version. */
  readonly effectiveFrom: string;
}

/**
 * The draft adopted by the meeting: it takes effect on `effectiveFrom` and supersedes the
 * newest adopted version. A new version may not start before the one it replaces: the
 * older one would otherwise stay in force for the later dates ('ledger.date-invalid').
 */
export function adoptDraftWrites(
  draft: RuleSetPolicy,
  adoption: VersionAdoption,
  ruleSets: readonly RuleSetPolicy[],
  library: readonly RuleDefinition[],
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  const superseded = currentAdopted(ruleSets);
  if (
    !isCalendarDate(adoption.effectiveFrom) ||
    (superseded !== undefined && adoption.effectiveFrom < superseded.effectiveFrom)
  )
    return fail('ledger.date-invalid', { value: adoption.effectiveFrom });
  const edited =
    adoption.effectiveFrom === draft.effectiveFrom
      ? ok(draft)
      : editRuleSetDraft(draft, { effectiveFrom: adoption.effectiveFrom }, library, ctx);
  if (!edited.ok) return edited;
  const adopted = adoptRuleSet(
    edited.value,
    { meetingOn: adoption.meetingOn, meetingRef: adoption.meetingRef },
    superseded,
    ctx,
  );
  if (!adopted.ok) return adopted;
  return ok({
    policies: adopted.value,
    journal: adopted.value.map((doc) =>
      policyAudit(
        place,
        ctx,
        doc.id === draft.id ? 'rule-set.adopt' : 'rule-set.supersede',
        doc,
        doc.id === draft.id ? ['status', 'adoption', 'effectiveFrom'] : ['status'],
      ),
    ),
  });
}

/** 放弃草稿: the draft is kept as abandoned (never deleted). */
export function abandonDraftWrites(
  draft: RuleSetPolicy,
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  if (draft.status !== 'draft')
    return fail('ledger.rule-set-not-draft', { version: draft.setVersion });
  const abandoned = touch(draft, { status: 'abandoned' }, ctx);
  return ok({
    policies: [abandoned],
    journal: [policyAudit(place, ctx, 'rule-set.abandon', abandoned, ['status'])],
  });
}

export interface PointsSettings {
  readonly rollUp: RollUp;
  readonly deductionsAgainstBalance: boolean;
  readonly yearlyReset: boolean;
}

/** 积分设置: the three scoring choices merged into the village's settings document. */
export function settingsWrites(
  settings: SettingsPolicy,
  changes: PointsSettings,
  place: Place,
  ctx: LedgerContext,
): Result<RuleSetWrites> {
  const changed = (Object.keys(changes) as (keyof PointsSettings)[]).filter(
    (key) => settings[key] !== changes[key],
  );
  if (changed.length === 0) return ok({ policies: [], journal: [] });
  const next = touch(settings, changes, ctx);
  return ok({
    policies: [next],
    journal: [policyAudit(place, ctx, 'settings.update', next, changed)],
  });
}
