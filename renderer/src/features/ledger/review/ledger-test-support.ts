/**
 * Test builders for the review and objection screens (tests only): a village on a real
 * local database (RxDB memory storage) with two households, the packaged rules adopted,
 * and entries recorded by a named account through the shared recording code — exactly the
 * documents the record screen writes.
 */
import type { ObjectionCase } from '../../../../../shared/collections/cases.ts';
import type { EventDoc, RuleEvent } from '../../../../../shared/collections/events.ts';
import type { ResidentDoc } from '../../../../../shared/collections/residents.ts';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import type { Role } from '../../../../../shared/auth/roles.ts';
import { addDays } from '../../../../../shared/ledger/dates.ts';
import { raiseObjection } from '../../../../../shared/ledger/notice.ts';
import { recordEntry, residentSubject } from '../../../../../shared/ledger/recording.ts';
import { adoptLibrary } from '../../../../../shared/ledger/rule-sets.ts';
import { defaultRules } from '../../../../../shared/ledger/templates.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { registerHousehold } from '../../residents/register-actions.ts';
import { registerScopeOf, type RegisterScope } from '../../residents/register-scope.ts';
import { idOf, member, testScope, testSession } from '../../residents/test-support.ts';
import { ledgerContext, writeLedger } from '../ledger-store.ts';

export const CLERK = 'u-clerk-wang';
export const REVIEWER = 'u-reviewer-li';
export const OTHER_REVIEWER = 'u-reviewer-sun';

export function scopeOf(role: Role, userId: string): RegisterScope {
  const scope = registerScopeOf(testSession(role, userId));
  if (scope === null) throw new Error('a village session has a scope');
  return scope;
}

export interface TestVillage {
  readonly ruleSet: RuleSetPolicy;
  /** 王建国, head of household 001 (with 李秀英). */
  readonly wang: ResidentDoc;
  readonly li: ResidentDoc;
  /** 张三, head of household 002. */
  readonly zhang: ResidentDoc;
}

async function residentsOf(db: LocalDatabase): Promise<Map<string, ResidentDoc>> {
  const docs = await db.collections.residents.find().exec();
  return new Map(docs.map((doc) => [doc.name, doc.toMutableJSON()]));
}

export async function seedVillage(db: LocalDatabase): Promise<TestVillage> {
  const admin = testScope();
  const first = await registerHousehold(
    db,
    admin,
    { number: '001', houseNumber: '东街12号', address: '', groupId: '', tags: [] },
    [
      member({ name: '王建国', idNumber: idOf('19650312', '011') }, 'head'),
      member({ name: '李秀英', idNumber: idOf('19680704', '022') }, 'spouse'),
    ],
  );
  const second = await registerHousehold(
    db,
    admin,
    { number: '002', houseNumber: '西街3号', address: '', groupId: '', tags: [] },
    [member({ name: '张三', idNumber: idOf('19700101', '051') }, 'head')],
  );
  if (!first.ok || !second.ok) throw new Error('seed refused');
  const adopted = adoptLibrary(
    {
      title: '南港村积分细则',
      effectiveFrom: '2015-01-01',
      meetingRef: '南港村村民代表大会〔2014〕第3次',
      meetingOn: '2014-12-20',
    },
    defaultRules(),
    { villageCode: admin.villageCode, townshipCode: admin.townshipCode },
    undefined,
    ledgerContext(admin),
  );
  if (!adopted.ok) throw new Error(adopted.error.code);
  await writeLedger(db, { policies: adopted.value });
  const [ruleSet] = adopted.value;
  const residents = await residentsOf(db);
  const wang = residents.get('王建国');
  const li = residents.get('李秀英');
  const zhang = residents.get('张三');
  if (ruleSet === undefined || wang === undefined || li === undefined || zhang === undefined)
    throw new Error('seed incomplete');
  return { ruleSet, wang, li, zhang };
}

export async function allEvents(db: LocalDatabase): Promise<EventDoc[]> {
  return (await db.collections.events.find().exec()).map((doc) => doc.toMutableJSON());
}

export async function eventById(db: LocalDatabase, id: string): Promise<EventDoc | undefined> {
  return (await allEvents(db)).find((event) => event.id === id);
}

export async function objections(db: LocalDatabase): Promise<ObjectionCase[]> {
  return (await db.collections.cases.find().exec()).map(
    (doc) => doc.toMutableJSON() as ObjectionCase,
  );
}

/**
 * An entry of `rule` for `resident`, `daysAgo` days before today, recorded by `userId`:
 * submitted for review, or (import) effective from the act.
 */
export async function record(
  db: LocalDatabase,
  village: TestVillage,
  resident: ResidentDoc,
  rule: string,
  options: {
    readonly userId?: string;
    readonly daysAgo?: number;
    readonly note?: string;
    readonly mode?: 'entry' | 'import';
  } = {},
): Promise<RuleEvent> {
  const scope = scopeOf('village_clerk', options.userId ?? CLERK);
  const ctx = ledgerContext(scope);
  const recorded = recordEntry(
    residentSubject(resident),
    {
      ruleCode: rule,
      occurredOn: addDays(ctx.today, -(options.daysAgo ?? 3)),
      quantity: 1,
      note: options.note ?? '',
      evidence: [],
    },
    { ruleSet: village.ruleSet },
    await allEvents(db),
    ctx,
    options.mode ?? 'entry',
  );
  if (!recorded.ok) throw new Error(recorded.error.code);
  await writeLedger(db, { events: [recorded.value.event] });
  return recorded.value.event;
}

/** An objection received today against `target`, recorded by the reviewer. */
export async function objectTo(db: LocalDatabase, target: EventDoc): Promise<ObjectionCase> {
  const ctx = ledgerContext(scopeOf('village_reviewer', REVIEWER));
  const raised = raiseObjection(
    target,
    { reason: '当天不在村里', receivedOn: ctx.today, dueOn: addDays(ctx.today, 15), evidence: [] },
    new Set(),
    ctx,
  );
  if (!raised.ok) throw new Error(raised.error.code);
  await writeLedger(db, { cases: [raised.value] });
  return raised.value;
}
