import { describe, expect, it } from 'vitest';
import { householdsSchema } from '../collections/households.ts';
import { residentsSchema } from '../collections/residents.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { CodedError } from '../errors.ts';
import { checkDigitOf } from './citizen-id.ts';
import { createIdProtector, type IdCrypto } from './id-protection.ts';
import { validateRegister, type ImportPlan, type RegisterTable } from './import/validate.ts';
import { planToDocuments, type RegisterDocumentsContext } from './register-documents.ts';

const webCrypto = (globalThis as unknown as { crypto: IdCrypto }).crypto;
const protector = createIdProtector(webCrypto, {
  keyId: '320502001-k1',
  encryptionKey: Uint8Array.from({ length: 32 }, (_, i) => i),
  hashKey: Uint8Array.from({ length: 32 }, (_, i) => 255 - i),
});

const VILLAGE = '320502001001';
const TOWNSHIP = '320502001';
const TODAY = '2024-06-15';
const NOW = 1_718_409_600_000;

function idOf(birth: string, sequence: string, region = '320502'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const WANG_LEI = idOf('19920101', '031');
/** A first-generation 15-digit number: 320502 680815 041 → 18 digits with 1968. */
const ZHAO_15 = '320502680815041';
const ZHAO = idOf('19680815', '041');

/** Household 001 (head, wife, son; the son's row comes first) and 002 (head alone). */
const TABLE: RegisterTable = [
  [
    '户编号',
    '门牌号',
    '村民小组',
    '姓名',
    '身份证号',
    '与户主关系',
    '联系电话',
    '标签',
    '户标签',
    '备注',
  ],
  ['001', '', '', '王磊', WANG_LEI, '长子', '0510-86012345', '志愿者', '', ''],
  ['001', '东街12号', '第一村民小组', '王建国', WANG, '户主', '13812345678', '党员', '党员户', ''],
  ['001', '', '', '李秀兰', LI, '妻', '', '', '军属', '腿脚不便'],
  [],
  ['002', '西街3号', '', '赵大山', ZHAO_15, '户主', '', '', '', ''],
];

function planOf(table: RegisterTable): ImportPlan {
  const result = validateRegister(table, {
    today: TODAY,
    villageCode: VILLAGE,
    knownGroups: new Map([['第一村民小组', 'group-1']]),
    findRegistered: () => undefined,
    existingHouseholdNumbers: new Set(),
  });
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

function context(): RegisterDocumentsContext {
  let next = 0;
  return {
    now: NOW,
    today: TODAY,
    userId: 'town-cli',
    deviceId: 'town-cli',
    townshipCode: TOWNSHIP,
    newId: () => `01J0IMPORT${String((next += 1)).padStart(16, '0')}`,
  };
}

describe('register import plan to documents', () => {
  it('makes documents every one of which the collection schemas accept', async () => {
    const { households, residents } = await planToDocuments(planOf(TABLE), context(), protector);

    expect(households).toHaveLength(2);
    expect(residents).toHaveLength(4);
    for (const doc of households) expect(schemaErrors(householdsSchema, doc), doc.id).toEqual([]);
    for (const doc of residents) expect(schemaErrors(residentsSchema, doc), doc.id).toEqual([]);
  });

  it('puts each resident in their household with the relation from the file, the head named', async () => {
    const { households, residents } = await planToDocuments(planOf(TABLE), context(), protector);
    const [first, second] = households;
    const byName = new Map(residents.map((resident) => [resident.name, resident]));
    const wang = byName.get('王建国')!;

    expect(residents.map((resident) => resident.name)).toEqual([
      '王磊',
      '王建国',
      '李秀兰',
      '赵大山',
    ]);
    expect(first).toMatchObject({
      householdNo: '001',
      houseNo: '东街12号',
      groupId: 'group-1',
      headResidentId: wang.id,
      status: 'active',
      lineage: [],
      tags: ['党员户', '军属'],
    });
    expect(first?.members).toEqual([
      { residentId: byName.get('王磊')!.id, relation: 'child', from: TODAY },
      { residentId: wang.id, relation: 'head', from: TODAY },
      { residentId: byName.get('李秀兰')!.id, relation: 'spouse', from: TODAY },
    ]);
    expect(second).toMatchObject({
      householdNo: '002',
      groupId: '',
      headResidentId: byName.get('赵大山')!.id,
    });
    for (const resident of residents) {
      const home = households.find((household) =>
        household.members.some((member) => member.residentId === resident.id),
      );
      expect(resident.householdId, resident.name).toBe(home?.id);
    }
  });

  it('stores the ID only encrypted, beside its masked form, last four and the township hash', async () => {
    const { residents } = await planToDocuments(planOf(TABLE), context(), protector);
    const wang = residents.find((resident) => resident.name === '王建国')!;

    expect(JSON.stringify(residents)).not.toContain(WANG);
    expect(await protector.reveal(wang.idNumberCipher)).toBe(WANG);
    expect(wang.idHash).toBe(await protector.hashOf(WANG));
    expect(wang.idMasked).toBe(`3205**********${WANG.slice(14)}`);
    expect(wang.idLast4).toBe(WANG.slice(14));
  });

  it('stores a converted 15-digit ID as its 18-digit number, with gender and birth date from it', async () => {
    const { residents } = await planToDocuments(planOf(TABLE), context(), protector);
    const zhao = residents.find((resident) => resident.name === '赵大山')!;

    expect(await protector.reveal(zhao.idNumberCipher)).toBe(ZHAO);
    expect(zhao.idHash).toBe(await protector.hashOf(ZHAO));
    expect(zhao).toMatchObject({ gender: 'male', birthDate: '1968-08-15' });
  });

  it('fills name search keys, phone, tags, notes and the stamps of the importing user', async () => {
    const { households, residents } = await planToDocuments(planOf(TABLE), context(), protector);
    const [wangLei, wang, li] = residents;

    expect(wang).toMatchObject({
      namePinyin: 'wangjianguo',
      nameInitials: 'wjg',
      phone: '13812345678',
      tags: ['党员'],
      status: 'registered',
      gender: 'male',
      birthDate: '1965-03-12',
    });
    expect(wang).not.toHaveProperty('statusDate');
    expect(wangLei).toMatchObject({ phone: '0510-86012345', tags: ['志愿者'] });
    expect(li).toMatchObject({ notes: '腿脚不便', gender: 'female', phone: '' });
    for (const doc of [...households, ...residents]) {
      expect(doc).toMatchObject({
        villageCode: VILLAGE,
        townshipCode: TOWNSHIP,
        createdAt: NOW,
        updatedAt: NOW,
        createdBy: 'town-cli',
        updatedBy: 'town-cli',
        deviceId: 'town-cli',
      });
    }
    const ids = [...households, ...residents].map((doc) => doc.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses, with the household’s code, a plan that was not validated (two heads)', async () => {
    const plan = planOf(TABLE);
    const twoHeads: ImportPlan = {
      ...plan,
      residents: plan.residents.map((resident) =>
        resident.name === '李秀兰' ? { ...resident, relation: 'head' } : resident,
      ),
    };

    const error = await planToDocuments(twoHeads, context(), protector).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toMatchObject({ code: 'household.head-count', params: { household: '001' } });
  });

  it('refuses a township that is not the village’s', async () => {
    await expect(
      planToDocuments(planOf(TABLE), { ...context(), townshipCode: '320502002' }, protector),
    ).rejects.toThrow(RangeError);
  });
});
