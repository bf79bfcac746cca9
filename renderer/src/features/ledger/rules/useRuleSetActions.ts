import { useMemo } from 'react';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import { appErrorOf, fail, ok, type Result } from '../../../../../shared/errors.ts';
import type { LedgerContext, Place } from '../../../../../shared/ledger/context.ts';
import type { RuleSetDraftInput } from '../../../../../shared/ledger/rule-sets.ts';
import { useAppServices } from '../../../app/AppServices.ts';
import { ledgerContext, writeLedger } from '../ledger-store.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import type { VillageLedger } from '../village-ledger.ts';
import {
  abandonDraftWrites,
  adoptDefaultsWrites,
  adoptDraftWrites,
  editDraftWrites,
  settingsWrites,
  startRevisionWrites,
  type DefaultsAdoption,
  type PointsSettings,
  type RuleSetWrites,
  type VersionAdoption,
} from './rule-set-changes.ts';

/**
 * The rules screen's operations on this device's database, by the signed-in user: each
 * reads the ledger as it is now (the calendar checked first), builds the documents with
 * the shared rule-set code and writes them. A refusal or a failed write comes back as an
 * error the form shows; the ledger store follows the write by itself.
 */
export function useRuleSetActions(library: readonly RuleDefinition[]) {
  const { db } = useAppServices();
  const { scope, store } = useLedgerScreen();
  return useMemo(() => {
    const place: Place = { villageCode: scope.villageCode, townshipCode: scope.townshipCode };
    const run = async (
      build: (ledger: VillageLedger, ctx: LedgerContext) => Result<RuleSetWrites>,
    ): Promise<Result<RuleSetPolicy | null>> => {
      store.checkDate();
      const state = store.snapshot();
      if (state.status !== 'ready') return fail('ledger.state-changed');
      const writes = build(state.ledger, ledgerContext(scope));
      if (!writes.ok) return writes;
      try {
        await writeLedger(db, writes.value);
      } catch (error) {
        console.error('writing the rule set failed', error);
        return { ok: false, error: appErrorOf(error, 'localdb.write-failed') };
      }
      const written = writes.value.policies.find(
        (doc): doc is RuleSetPolicy => doc.kind === 'rule-set',
      );
      return ok(written ?? null);
    };
    const draftOf = (ledger: VillageLedger, id: string): RuleSetPolicy | undefined =>
      ledger.ruleSets.find((set) => set.id === id);
    return {
      adoptDefaults: (input: DefaultsAdoption) =>
        run((ledger, ctx) => adoptDefaultsWrites(ledger.ruleSets, library, input, place, ctx)),
      startRevision: () =>
        run((ledger, ctx) => startRevisionWrites(ledger.ruleSets, library, place, ctx)),
      editDraft: (draftId: string, changes: Partial<RuleSetDraftInput>) =>
        run((ledger, ctx) => {
          const draft = draftOf(ledger, draftId);
          if (draft === undefined) return fail('ledger.state-changed');
          return editDraftWrites(draft, changes, library, place, ctx);
        }),
      adoptDraft: (draftId: string, adoption: VersionAdoption) =>
        run((ledger, ctx) => {
          const draft = draftOf(ledger, draftId);
          if (draft === undefined) return fail('ledger.state-changed');
          return adoptDraftWrites(draft, adoption, ledger.ruleSets, library, place, ctx);
        }),
      abandonDraft: (draftId: string) =>
        run((ledger, ctx) => {
          const draft = draftOf(ledger, draftId);
          if (draft === undefined) return fail('ledger.state-changed');
          return abandonDraftWrites(draft, place, ctx);
        }),
      saveSettings: (changes: PointsSettings) =>
        run((ledger, ctx) => {
          if (ledger.settings === undefined) return fail('ledger.state-changed');
          return settingsWrites(ledger.settings, changes, place, ctx);
        }),
      today: () => ledgerContext(scope).today,
    };
  }, [db, scope, store, library]);
}

export type RuleSetActions = ReturnType<typeof useRuleSetActions>;
