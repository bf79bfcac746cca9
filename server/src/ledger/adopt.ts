/**
 * `rules adopt-defaults` on the town server: a village adopts the township's rule template
 * library as its rule set (积分细则), as shared/ledger's `adoptLibrary` builds it — every
 * published template with the template's points, adopted at once with the meeting given.
 *
 * The library is the township's catalogue (what its villages' devices sync down). When the
 * township has not published the packaged defaults yet, they are published first
 * (`templateCatalogDocuments`): only the documents it lacks, so a template the township
 * changed or deleted stays as the township left it.
 *
 * One transaction: the catalogue documents and the rule set are written together or not
 * at all. Refused when the village already has an adopted set: changing it is a new
 * version adopted by the villagers' representative meeting, in the app.
 */
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { RuleSetPolicy } from '../../../shared/collections/policies.ts';
import type { RuleDefinition } from '../../../shared/collections/rule.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { LedgerContext } from '../../../shared/ledger/context.ts';
import { adoptLibrary } from '../../../shared/ledger/rule-sets.ts';
import {
  defaultRules,
  ruleFromTemplate,
  templateCatalogDocuments,
} from '../../../shared/ledger/templates.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import type { Db } from '../db/database.ts';
import { putDocuments } from '../store/documents.ts';
import { documentProblem } from '../sync/validation.ts';
import {
  existingCatalogIds,
  latestRuleSet,
  loadRuleSets,
  publishedTemplates,
} from './village-documents.ts';

export interface AdoptDefaultsInput {
  readonly villageCode: string;
  /** The title of the set, e.g. '王庄村积分细则'. */
  readonly title: string;
  /** 村民代表大会 meeting reference and date. */
  readonly meetingRef: string;
  readonly meetingOn: string;
  /** The first day acts fall under the set. */
  readonly effectiveFrom: string;
  /** Clock, actor ('town-cli') and ids. */
  readonly context: LedgerContext;
}

export type AdoptDefaultsOutcome =
  | {
      readonly ok: true;
      readonly ruleSet: RuleSetPolicy;
      /** Catalogue documents published now (0 when the township already had them). */
      readonly publishedTemplates: number;
      readonly publishedSchemes: number;
    }
  | { readonly ok: false; readonly error: AppError };

class Refused extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.code);
    this.error = error;
  }
}

export async function adoptDefaultRules(
  db: Db,
  input: AdoptDefaultsInput,
): Promise<AdoptDefaultsOutcome> {
  const { villageCode, context } = input;
  const townshipCode = townshipCodeOfVillage(villageCode);
  try {
    return await db.transaction(async (tx) => {
      await lockVillageLedger(tx, villageCode);
      const sets = await loadRuleSets(tx, villageCode);
      const adopted = sets
        .filter((set) => set.status === 'adopted')
        .sort((a, b) => b.setVersion - a.setVersion)[0];
      if (adopted !== undefined)
        throw new Refused({
          code: 'ledger.rule-set-exists',
          params: { version: adopted.setVersion, effectiveFrom: adopted.effectiveFrom },
        });

      const catalogue = templateCatalogDocuments(townshipCode, context);
      const present = await existingCatalogIds(
        tx,
        catalogue.map((doc) => doc.id),
      );
      const missing = catalogue.filter((doc) => !present.has(doc.id));
      checkDocuments('catalog', missing);
      await putDocuments(
        tx,
        'catalog',
        missing.map((doc) => ({ id: doc.id, scope: { townshipCode }, data: { ...doc } })),
      );

      const library = inLibraryOrder(
        (await publishedTemplates(tx, villageCode)).map(ruleFromTemplate),
      );
      const result = adoptLibrary(
        {
          title: input.title,
          effectiveFrom: input.effectiveFrom,
          meetingRef: input.meetingRef,
          meetingOn: input.meetingOn,
        },
        library,
        { villageCode, townshipCode },
        latestRuleSet(sets),
        context,
      );
      if (!result.ok) throw new Refused(result.error);
      checkDocuments('policies', result.value);
      await putDocuments(
        tx,
        'policies',
        result.value.map((doc) => ({ id: doc.id, scope: { villageCode }, data: { ...doc } })),
      );
      const ruleSet = result.value.find((doc) => doc.status === 'adopted');
      if (ruleSet === undefined) throw new Error('adoptLibrary returned no adopted set');
      return {
        ok: true,
        ruleSet,
        publishedTemplates: missing.filter((doc) => doc.kind === 'rule-template').length,
        publishedSchemes: missing.filter((doc) => doc.kind === 'tier-scheme').length,
      };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
}

/**
 * Serialises the town CLI's ledger writes for one village (adoption, imports), so two of
 * them cannot both pass the checks against what the store holds and both write. Devices'
 * pushes are not held back: a village records offline anyway, and the sync merge rules
 * apply to what they bring.
 */
export async function lockVillageLedger(tx: Db, villageCode: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('village-ledger'), hashtext($1))", [
    villageCode,
  ]);
}

/** The packaged library's order first (categories together, as printed), then by code. */
function inLibraryOrder(rules: readonly RuleDefinition[]): RuleDefinition[] {
  const position = new Map(defaultRules().map((rule, index) => [rule.code, index]));
  const rank = (rule: RuleDefinition): number => position.get(rule.code) ?? position.size;
  return [...rules].sort(
    (a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** What the CLI writes must be what a device would accept: a failure here is a bug. */
export function checkDocuments(
  collection: CollectionName,
  docs: readonly { readonly id: string }[],
): void {
  for (const doc of docs) {
    const problem = documentProblem(collection, doc);
    if (problem !== undefined)
      throw new Error(`${collection} document ${doc.id} does not match its schema: ${problem}`);
  }
}
