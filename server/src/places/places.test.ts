import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import {
  addTownship,
  addVillage,
  findVillage,
  listTownships,
  listVillages,
  validateTownshipInput,
  validateVillageInput,
} from './places.ts';
import { codeOf } from '../../test/coded-error.ts';

describe('place input validation', () => {
  it('accepts a village under its township and trims the input', () => {
    const result = validateVillageInput({
      code: ' 320321100201 ',
      name: ' 王庄村 ',
      townshipCode: '320321100',
    });
    expect(result).toEqual({
      ok: true,
      value: { code: '320321100201', name: '王庄村', townshipCode: '320321100' },
    });
  });

  it('names the malformed field', () => {
    expect(validateTownshipInput({ code: '3203211', name: '新城镇' })).toMatchObject({
      ok: false,
      error: { code: 'place.township-code-invalid' },
    });
    expect(
      validateVillageInput({ code: '32032110020', name: '王庄村', townshipCode: '320321100' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'place.village-code-invalid' },
    });
    expect(
      validateVillageInput({ code: '320321100201', name: '王庄村', townshipCode: '32032110x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'place.township-code-invalid' },
    });
    expect(validateTownshipInput({ code: '320321100', name: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'place.name-invalid' },
    });
  });

  it('refuses a village code that is not under the given township', () => {
    expect(
      validateVillageInput({ code: '320321101201', name: '王庄村', townshipCode: '320321100' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'place.village-not-in-township',
        params: { code: '320321101201', township: '320321100' },
      },
    });
  });
});

describe.each(BACKENDS)('places repository on %s', (kind) => {
  const backend = useBackend(kind);

  it('adds townships and villages and lists them in code order with their township', async () => {
    const db = await backend.fresh();
    await addTownship(db, { code: '320321101', name: '老城镇' });
    await addTownship(db, { code: '320321100', name: '新城镇' });
    await addVillage(db, { code: '320321100202', name: '李庄村', townshipCode: '320321100' });
    await addVillage(db, { code: '320321100201', name: '王庄村', townshipCode: '320321100' });
    await addVillage(db, { code: '320321101201', name: '东街社区', townshipCode: '320321101' });

    const townships = await listTownships(db);
    expect(townships.map((t) => [t.code, t.name, t.villageCount])).toEqual([
      ['320321100', '新城镇', 2],
      ['320321101', '老城镇', 1],
    ]);
    const villages = await listVillages(db);
    expect(villages.map((v) => [v.code, v.name, v.townshipCode, v.townshipName])).toEqual([
      ['320321100201', '王庄村', '320321100', '新城镇'],
      ['320321100202', '李庄村', '320321100', '新城镇'],
      ['320321101201', '东街社区', '320321101', '老城镇'],
    ]);
    const ofOld = await listVillages(db, { townshipCode: '320321101' });
    expect(ofOld.map((v) => v.code)).toEqual(['320321101201']);
    expect(villages[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses a village of an unknown township and writes nothing', async () => {
    const db = await backend.fresh();

    expect(
      await codeOf(
        addVillage(db, { code: '320321100201', name: '王庄村', townshipCode: '320321100' }),
      ),
    ).toBe('place.township-unknown');
    expect(await findVillage(db, '320321100201')).toBeUndefined();
  });

  it('refuses duplicate codes and keeps the first name', async () => {
    const db = await backend.fresh();
    await addTownship(db, { code: '320321100', name: '新城镇' });
    await addVillage(db, { code: '320321100201', name: '王庄村', townshipCode: '320321100' });

    expect(await codeOf(addTownship(db, { code: '320321100', name: '别的镇' }))).toBe(
      'place.township-exists',
    );
    expect(
      await codeOf(
        addVillage(db, { code: '320321100201', name: '别的村', townshipCode: '320321100' }),
      ),
    ).toBe('place.village-exists');
    expect((await listTownships(db)).map((t) => t.name)).toEqual(['新城镇']);
    expect((await findVillage(db, '320321100201'))?.name).toBe('王庄村');
  });

  it('refuses malformed input before touching the database', async () => {
    const db = await backend.fresh();
    await addTownship(db, { code: '320321100', name: '新城镇' });

    expect(await codeOf(addTownship(db, { code: '123', name: '坏镇' }))).toBe(
      'place.township-code-invalid',
    );
    expect(
      await codeOf(
        addVillage(db, { code: '320321101201', name: '王庄村', townshipCode: '320321100' }),
      ),
    ).toBe('place.village-not-in-township');
    expect(await codeOf(listVillages(db, { townshipCode: '320321199' }))).toBe(
      'place.township-unknown',
    );
    expect(await listVillages(db)).toEqual([]);
  });
});
