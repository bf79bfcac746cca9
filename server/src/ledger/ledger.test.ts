import { describe, expect, it } from 'vitest';
import { catalogSchema, type RuleTemplate } from '../../../shared/collections/catalog.ts';
import { eventsSchema, type RuleEvent } from '../../../shared/collections/events.ts';
import { schemaErrors } from '../../../shared/collections/fixtures/json-schema.ts';
import { policiesSchema, type RuleSetPolicy } from '../../../shared/collections/policies.ts';
import type { RuleDefinition } from '../../../shared/collections/rule.ts';
import type { LedgerContext } from '../../../shared/ledger/context.ts';
import { adoptRuleSet, draftNextVersion } from '../../../shared/ledger/rule-sets.ts';
import { defaultRules, templateCatalogDocuments } from '../../../shared/ledger/templates.ts';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { addTownship, addVillage } from '../places/places.ts';
import { importRegister } from '../residents/register.ts';
import { putDocuments } from '../store/documents.ts';
import { adoptDefaultRules } from './adopt.ts';
import { importLedger, type LedgerImportOutcome } from './import.ts';
import { scoreInVillage, type ScoreTarget } from './score.ts';

const TOWNSHIP = '320321100';
const VILLAGE = '320321100201';

function idOf(birth: string, sequence: string): string {
  const first17 = `320321${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const ZHAO = idOf('19701111', '051');
/** Valid, but of no resident of the village. */
const STRANGER = idOf('19900101', '071');

let sequence = 0;
function context(today: string): LedgerContext {
  return {
    now: Date.parse(`${today}T02:00:00Z`),
    today,
    userId: 'town-cli',
    deviceId: 'town-cli',
    newId: () => `01KLEDGER${String((sequence += 1)).padStart(17, '0')}`,
  };
}

/** Households 001 (王建国, head; 李秀兰) and 002 (赵大山), registered on 2025-01-01. */
async function withRegister(db: Db): Promise<void> {
  await addTownship(db, { code: TOWNSHIP, name: '新城镇' });
  await addVillage(db, { code: VILLAGE, name: '王庄村', townshipCode: TOWNSHIP });
  const registered = await importRegister(db, {
    villageCode: VILLAGE,
    table: [
      ['户编号', '姓名', '身份证号', '与户主关系'],
      ['001', '王建国', WANG, '户主'],
      ['001', '李秀兰', LI, '妻'],
      ['002', '赵大山', ZHAO, '户主'],
    ],
    now: Date.parse('2025-01-01T02:00:00Z'),
    today: '2025-01-01',
    newId: context('2025-01-01').newId,
    userId: 'town-cli',
    deviceId: 'town-cli',
    crypto: globalThis.crypto,
  });
  if (!registered.ok) throw new Error('the register did not import');
}

function adopt(db: Db, effectiveFrom = '2025-01-01') {
  return adoptDefaultRules(db, {
    villageCode: VILLAGE,
    title: '王庄村积分细则',
    meetingRef: '王庄村〔2024〕5号',
    meetingOn: '2024-12-20',
    effectiveFrom,
    context: context('2024-12-20'),
  });
}

const HEADER = ['序号', '身份证号', '户编号', '规则编码', '发生日期', '数量', '分值', '备注'];

/**
 * 王建国: a blood donation (+10) and littering twice within its validity (−5, then −5 × 2);
 * 李秀兰: a clean-up decided at 3 points; household 001: a tidy courtyard (+1).
 */
const VALID = [
  ['王庄村积分台账（2025年）'],
  HEADER,
  ['1', WANG, '', 'P-BLOOD', '2025-03-01', '1', '', '献血证 2025-0301'],
  // 分值 written without its sign, as paper ledgers do: signed as the rule (−5).
  ['2', WANG, '', 'N-LITTER', '2025-04-01', '', '5', ''],
  ['3', '', '', '', '', '', '', ''],
  ['4', WANG, '', 'N-LITTER', '2025/6/1', '', '', '再次乱倒垃圾'],
  ['5', LI, '', 'P-CLEAN', '2025年5月1日', '', '3', ''],
  ['6', '', '001', 'P-YARD', '2025-05-02', '', '', ''],
];

function problemsOf(outcome: LedgerImportOutcome) {
  if (outcome.ok) throw new Error('expected the import to be refused');
  return outcome.problems.map(({ row, column, code }) => ({ row, column, code }));
}

async function storedEvents(db: Db): Promise<RuleEvent[]> {
  const result = await db.query<{ data: RuleEvent }>(
    "SELECT data FROM documents WHERE collection = 'events' ORDER BY seq",
  );
  return result.rows.map((row) => row.data);
}

async function scoreOf(db: Db, target: ScoreTarget, asOf: string) {
  const result = await scoreInVillage(db, {
    village: { code: VILLAGE, name: '王庄村' },
    target,
    asOf,
    crypto: globalThis.crypto,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const wang: ScoreTarget = { type: 'resident', idNumber: WANG };

describe.each(BACKENDS)('the town server’s ledger on %s', (kind) => {
  const backend = useBackend(kind);

  it('adopts the default library as the village’s rule set, publishing the township’s catalogue with it', async () => {
    const db = await backend.fresh();
    await withRegister(db);

    const outcome = await adopt(db);

    expect(outcome).toMatchObject({ ok: true, publishedTemplates: 60, publishedSchemes: 2 });
    const sets = await db.query<{ data: RuleSetPolicy }>(
      "SELECT data FROM documents WHERE collection = 'policies' AND village_code = $1",
      [VILLAGE],
    );
    expect(sets.rows).toHaveLength(1);
    const set = sets.rows[0]?.data;
    expect(schemaErrors(policiesSchema, set)).toEqual([]);
    expect(set).toMatchObject({
      kind: 'rule-set',
      status: 'adopted',
      setVersion: 1,
      effectiveFrom: '2025-01-01',
      adoption: { meetingRef: '王庄村〔2024〕5号', meetingOn: '2024-12-20', by: 'town-cli' },
      createdBy: 'town-cli',
      deviceId: 'town-cli',
    });
    expect(set?.rules.map((rule) => rule.code)).toEqual(defaultRules().map((rule) => rule.code));
    const catalogue = await db.query<{ data: unknown; village_code: string | null }>(
      "SELECT data, village_code FROM documents WHERE collection = 'catalog'",
    );
    expect(catalogue.rows).toHaveLength(62);
    for (const row of catalogue.rows) {
      expect(row.village_code).toBeNull();
      expect(schemaErrors(catalogSchema, row.data)).toEqual([]);
    }
  });

  it('refuses a second adoption, saying what to do, and writes nothing', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    await adopt(db);
    const before = await db.query('SELECT seq FROM documents');

    const again = await adopt(db, '2026-01-01');

    expect(again).toEqual({
      ok: false,
      error: {
        code: 'ledger.rule-set-exists',
        params: { version: 1, effectiveFrom: '2025-01-01' },
      },
    });
    expect((await db.query('SELECT seq FROM documents')).rows).toEqual(before.rows);
  });

  it('adopts the templates as the township publishes them, leaving its own changes in place', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    const blood = templateCatalogDocuments(TOWNSHIP, context('2024-06-01')).find(
      (doc): doc is RuleTemplate => doc.kind === 'rule-template' && doc.code === 'P-BLOOD',
    );
    if (blood === undefined) throw new Error('no P-BLOOD template');
    await putDocuments(db, 'catalog', [
      { id: blood.id, scope: { townshipCode: TOWNSHIP }, data: { ...blood, points: 8 } },
    ]);

    const outcome = await adopt(db);

    expect(outcome).toMatchObject({ ok: true, publishedTemplates: 59, publishedSchemes: 2 });
    if (!outcome.ok) return;
    expect(outcome.ruleSet.rules.find((rule) => rule.code === 'P-BLOOD')?.points).toBe(8);
    const stored = await db.query<{ points: unknown }>(
      "SELECT data->'points' AS points FROM documents WHERE collection = 'catalog' AND id = $1",
      [blood.id],
    );
    expect(stored.rows[0]?.points).toBe(8);
  });

  it('imports a ledger as effective entries whose figures are the engine’s, checked by hand', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    await adopt(db);

    const outcome = await importLedger(db, {
      villageCode: VILLAGE,
      table: VALID,
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });

    expect(outcome).toMatchObject({
      ok: true,
      residents: 2,
      households: 1,
      ruleSetVersions: [1],
      summary: { rows: 5, ignoredColumns: [{ column: '序号', columnIndex: 0 }] },
    });
    const events = await storedEvents(db);
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(schemaErrors(eventsSchema, event)).toEqual([]);
      expect(event).toMatchObject({
        status: 'effective',
        effectiveOn: event.occurredOn,
        createdBy: 'town-cli',
        deviceId: 'town-cli',
        batchId: outcome.ok ? outcome.batchId : '',
      });
    }
    expect(events.map((e) => [e.rule.code, e.occurredOn, e.points, e.expiresOn])).toEqual([
      ['P-BLOOD', '2025-03-01', 10, '2026-03-01'],
      ['N-LITTER', '2025-04-01', -5, '2026-04-01'],
      ['N-LITTER', '2025-06-01', -5, '2026-06-01'],
      ['P-CLEAN', '2025-05-01', 3, '2026-05-01'],
      ['P-YARD', '2025-05-02', 1, '2026-05-02'],
    ]);
    expect(events[0]?.note).toBe('献血证 2025-0301');

    // 1000 + 10 − 5 − 5 × 2 (a repeat within validity doubles).
    const june = await scoreOf(db, wang, '2025-06-30');
    expect(june).toMatchObject({ score: 995, tier: 'A', balance: 10, honourTotal: 10 });
    expect(june.counted.map((c) => [c.rule?.code, c.multiplier, c.contribution])).toEqual([
      ['P-BLOOD', 1, 10],
      ['N-LITTER', 1, -5],
      ['N-LITTER', 2, -10],
    ]);
    expect(june.subject).toMatchObject({ type: 'resident', name: '王建国' });
    expect(JSON.stringify(june)).not.toContain(WANG);

    // Household 001 (sum): 王建国 −5, 李秀兰 +3, the household's own +1.
    const household = await scoreOf(db, { type: 'household', householdNo: '001' }, '2025-06-30');
    expect(household).toMatchObject({ score: 999, tier: 'A', balance: 14, honourTotal: 14 });
    expect(household.subject).toMatchObject({
      householdNo: '001',
      members: [
        { name: '王建国', head: true, included: true },
        { name: '李秀兰', head: false, included: true },
      ],
    });
    expect(household.counted.map((c) => c.subjectName).sort()).toEqual(
      ['001', '李秀兰', '王建国', '王建国', '王建国'].sort(),
    );
  });

  it('lets --as-of decide what has expired, while the balance keeps every point', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    await adopt(db);
    await importLedger(db, {
      villageCode: VILLAGE,
      table: VALID,
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });

    const onExpiry = await scoreOf(db, wang, '2026-03-01');
    const after = await scoreOf(db, wang, '2026-03-02');
    const allGone = await scoreOf(db, wang, '2026-06-02');

    expect(onExpiry.score).toBe(995);
    expect(after).toMatchObject({ score: 985, balance: 10, honourTotal: 10 });
    expect(after.notCounted.map((n) => [n.rule?.code, n.reason])).toEqual([['P-BLOOD', 'expired']]);
    expect(allGone).toMatchObject({ score: 1000, tier: 'A', balance: 10, counted: [] });
    expect(allGone.notCounted.map((n) => n.reason)).toEqual(['expired', 'expired', 'expired']);
  });

  it('refuses a file with errors row by row and writes nothing', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    await adopt(db);

    const outcome = await importLedger(db, {
      villageCode: VILLAGE,
      table: [
        HEADER,
        ['1', WANG, '', 'P-BLOOD', '2025-03-01', '', '', ''],
        ['2', WANG, '', 'X-NONE', '2025-03-02', '', '', ''],
        ['3', STRANGER, '', 'P-BLOOD', '2025-03-03', '', '', ''],
        ['4', '', '009', 'P-YARD', '2025-03-04', '', '', ''],
        ['5', LI, '', 'P-CLEAN', '2025-03-05', '', '', ''],
        ['6', LI, '', 'P-CLEAN', '2025-03-06', '', '9', ''],
        ['7', '', '001', 'P-BLOOD', '2025-03-07', '', '', ''],
        ['8', WANG, '002', 'P-BLOOD', '2025-03-08', '', '', ''],
        ['9', WANG, '', 'P-BLOOD', '2024-12-31', '', '', ''],
        ['10', WANG, '', 'P-BLOOD', '2025-02-30', 'two', '', ''],
        ['11', '3.20321E+17', '', 'P-BLOOD', '2025-03-11', '', '', ''],
      ],
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });

    expect(problemsOf(outcome)).toEqual([
      { row: 3, column: '规则编码', code: 'ledger.rule-unknown' },
      { row: 4, column: '身份证号', code: 'ledger.resident-unknown' },
      { row: 5, column: '户编号', code: 'ledger.household-unknown' },
      { row: 6, column: '规则编码', code: 'ledger.points-required' },
      { row: 7, column: '分值', code: 'ledger.points-out-of-range' },
      { row: 8, column: '规则编码', code: 'ledger.rule-subject' },
      { row: 9, column: '', code: 'ledger.subject-both' },
      { row: 10, column: '发生日期', code: 'ledger.no-rule-set' },
      { row: 11, column: '发生日期', code: 'ledger.date-invalid' },
      { row: 11, column: '数量', code: 'ledger.quantity-invalid' },
      { row: 12, column: '身份证号', code: 'import.id-as-number' },
    ]);
    expect(await storedEvents(db)).toEqual([]);
  });

  it('refuses the same act twice and a cap breach, counting the store and the rows above', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    await adopt(db);
    const first = await importLedger(db, {
      villageCode: VILLAGE,
      table: [
        HEADER,
        ['1', WANG, '', 'P-BLOOD', '2025-03-01', '', '', ''],
        // P-TRAIN: at most 3 a year.
        ['2', ZHAO, '', 'P-TRAIN', '2025-02-10', '', '', ''],
        ['3', ZHAO, '', 'P-TRAIN', '2025-05-10', '', '', ''],
      ],
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });
    expect(first.ok).toBe(true);

    const second = await importLedger(db, {
      villageCode: VILLAGE,
      table: [
        HEADER,
        ['1', WANG, '', 'P-BLOOD', '2025-03-01', '', '', '同一次献血'],
        ['2', ZHAO, '', 'P-TRAIN', '2025-08-10', '', '', ''],
        ['3', ZHAO, '', 'P-TRAIN', '2025-11-10', '', '', ''],
        ['4', ZHAO, '', 'P-TRAIN', '2026-01-10', '', '', ''],
        ['5', WANG, '', 'P-BLOOD', '2025-09-01', '', '', ''],
        ['6', WANG, '', 'P-BLOOD', '2025-09-01', '', '', ''],
      ],
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });

    expect(problemsOf(second)).toEqual([
      { row: 2, column: '发生日期', code: 'ledger.duplicate-entry' },
      { row: 4, column: '规则编码', code: 'ledger.cap-times-exceeded' },
      { row: 7, column: '发生日期', code: 'ledger.duplicate-entry' },
    ]);
    const cap = second.ok ? undefined : second.problems[1];
    expect(cap?.params).toMatchObject({
      name: '赵大山',
      code: 'P-TRAIN',
      limit: 3,
      used: 3,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(await storedEvents(db)).toHaveLength(3);
  });

  it('records each act under the rule-set version in force on its date, in one batch', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    const adopted = await adopt(db);
    if (!adopted.ok) throw new Error(adopted.error.code);
    const tree: RuleDefinition = {
      code: 'V-TREE',
      category: '人居环境',
      nameZh: '门前植树',
      nameEn: 'Plants a tree by the house',
      indicator: '每棵成活',
      direction: '+',
      points: 2,
      subject: 'person',
      capText: '',
      evidence: '',
      validityMonths: 12,
      repeatMultiplier: 1,
      visibility: 'named',
      noticeRequired: true,
    };
    const ctx = context('2025-12-20');
    const draft = draftNextVersion(
      adopted.ruleSet,
      {
        effectiveFrom: '2026-01-01',
        rules: [
          ...adopted.ruleSet.rules.map((rule) =>
            rule.code === 'P-BLOOD' ? { ...rule, nameZh: '无偿献血' } : rule,
          ),
          tree,
        ],
      },
      defaultRules(),
      ctx,
    );
    if (!draft.ok) throw new Error(draft.error.code);
    const second = adoptRuleSet(
      draft.value,
      { meetingRef: '王庄村〔2025〕9号', meetingOn: '2025-12-20' },
      adopted.ruleSet,
      ctx,
    );
    if (!second.ok) throw new Error(second.error.code);
    await putDocuments(
      db,
      'policies',
      second.value.map((doc) => ({
        id: doc.id,
        scope: { villageCode: VILLAGE },
        data: { ...doc },
      })),
    );

    const refused = await importLedger(db, {
      villageCode: VILLAGE,
      table: [HEADER, ['1', WANG, '', 'V-TREE', '2025-06-01', '', '', '']],
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });
    expect(problemsOf(refused)).toEqual([
      { row: 2, column: '规则编码', code: 'ledger.rule-unknown' },
    ]);

    const outcome = await importLedger(db, {
      villageCode: VILLAGE,
      table: [
        HEADER,
        ['1', WANG, '', 'P-BLOOD', '2025-06-01', '', '', ''],
        ['2', WANG, '', 'V-TREE', '2026-03-12', '3', '', '三棵'],
        ['3', WANG, '', 'P-BLOOD', '2026-06-01', '', '', ''],
      ],
      context: context('2026-11-22'),
      crypto: globalThis.crypto,
    });

    expect(outcome).toMatchObject({ ok: true, ruleSetVersions: [1, 2] });
    const events = await storedEvents(db);
    expect(events.map((e) => [e.rule.nameZh, e.points, e.ruleSetId])).toEqual([
      ['无偿献血（每次）', 10, adopted.ruleSet.id],
      ['门前植树', 6, draft.value.id],
      ['无偿献血', 10, draft.value.id],
    ]);
    expect(new Set(events.map((e) => e.batchId)).size).toBe(1);
  });

  it('says so when the village has no such resident or household', async () => {
    const db = await backend.fresh();
    await withRegister(db);
    const args = { village: { code: VILLAGE, name: '王庄村' }, asOf: '2025-06-30' };

    const resident = await scoreInVillage(db, {
      ...args,
      target: { type: 'resident', idNumber: STRANGER },
      crypto: globalThis.crypto,
    });
    const household = await scoreInVillage(db, {
      ...args,
      target: { type: 'household', householdNo: '009' },
      crypto: globalThis.crypto,
    });

    expect(resident).toEqual({
      ok: false,
      error: { code: 'ledger.resident-unknown', params: { value: STRANGER } },
    });
    expect(household).toEqual({
      ok: false,
      error: { code: 'ledger.household-unknown', params: { value: '009' } },
    });
    // A resident with no entries scores the base.
    expect(await scoreOf(db, { type: 'resident', idNumber: ZHAO }, '2025-06-30')).toMatchObject({
      score: 1000,
      tier: 'A',
      balance: 0,
      honourTotal: 0,
      counted: [],
      notCounted: [],
    });
  });
});
