import { useEffect, useState } from 'react';
import type { CatalogDoc, RuleTemplate } from '../../../../../shared/collections/catalog.ts';
import type { RuleDefinition } from '../../../../../shared/collections/rule.ts';
import { appErrorOf, type AppError } from '../../../../../shared/errors.ts';
import { withoutInternalKeys } from '../../../../../shared/sync/merge.ts';
import type { SyncDocument } from '../../../../../shared/sync/protocol.ts';
import { defaultRules, ruleFromTemplate } from '../../../../../shared/ledger/templates.ts';
import { useAppServices } from '../../../app/AppServices.ts';

export interface RuleLibrary {
  /** The templates a village picks from, in the packaged library's order, then by code. */
  readonly rules: readonly RuleDefinition[];
  /** 'township': the templates the township published (synced down); 'packaged': the app's own. */
  readonly source: 'township' | 'packaged';
  /** Reading the catalogue failed: the packaged library is offered meanwhile. */
  readonly error?: AppError;
}

const PACKAGED = defaultRules();
const PACKAGED_LIBRARY: RuleLibrary = { rules: PACKAGED, source: 'packaged' };

/** A stored document as the domain code reads it (without RxDB's internal keys). */
function plainOf(doc: { toJSON(): unknown }): CatalogDoc {
  return withoutInternalKeys(doc.toJSON() as SyncDocument) as unknown as CatalogDoc;
}

function isPublishedTemplate(doc: CatalogDoc, villageCode: string): doc is RuleTemplate {
  return (
    doc.kind === 'rule-template' &&
    doc.status === 'published' &&
    (doc.villageCode === '' || doc.villageCode === villageCode)
  );
}

/** The packaged library's order first (categories together, as printed), then by code. */
function inLibraryOrder(rules: readonly RuleDefinition[]): RuleDefinition[] {
  const position = new Map(PACKAGED.map((rule, index) => [rule.code, index]));
  const rank = (rule: RuleDefinition): number => position.get(rule.code) ?? position.size;
  return [...rules].sort(
    (a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/**
 * The township's rule template library (积分细则模板库) as this device holds it: the
 * templates synced down into the catalogue, or the packaged library when the township has
 * published none yet (a device that has never synced, demo mode). Live: a sync that brings
 * templates changes the library the next draft is checked against.
 */
export function useRuleLibrary(villageCode: string): RuleLibrary {
  const { db } = useAppServices();
  const [library, setLibrary] = useState<RuleLibrary>(PACKAGED_LIBRARY);
  useEffect(() => {
    const subscription = db.collections.catalog
      .find({ selector: { kind: 'rule-template' } })
      .$.subscribe({
        next: (docs) => {
          const templates = docs
            .map((doc) => plainOf(doc))
            .filter((doc) => isPublishedTemplate(doc, villageCode));
          setLibrary(
            templates.length === 0
              ? PACKAGED_LIBRARY
              : { rules: inLibraryOrder(templates.map(ruleFromTemplate)), source: 'township' },
          );
        },
        error: (error: unknown) => {
          console.error('reading the rule templates failed', error);
          setLibrary({
            ...PACKAGED_LIBRARY,
            error: appErrorOf(error, 'localdb.open-failed'),
          });
        },
      });
    return () => {
      subscription.unsubscribe();
    };
  }, [db, villageCode]);
  return library;
}
