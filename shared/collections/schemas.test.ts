import { describe, expect, it } from 'vitest';
import { schemaErrors } from './fixtures/json-schema.ts';
import { residentSample, SAMPLES } from './fixtures/samples.ts';
import { COLLECTIONS } from './index.ts';
import { COLLECTION_NAMES } from './plan.ts';

describe('collection schemas', () => {
  it.each(COLLECTION_NAMES)('accept every realistic sample of %s', (name) => {
    const samples = SAMPLES[name];
    expect(samples.length).toBeGreaterThan(0);
    for (const doc of samples)
      expect(schemaErrors(COLLECTIONS[name].schema, doc), doc.id).toEqual([]);
  });

  it.each(COLLECTION_NAMES)('have a sample of every kind of %s', (name) => {
    const kindProperty = (
      COLLECTIONS[name].schema.properties as { kind?: { enum?: readonly unknown[] } }
    ).kind;
    const kinds = kindProperty?.enum ?? [];
    const sampled = new Set(SAMPLES[name].map((doc) => (doc as { kind?: unknown }).kind));
    for (const kind of kinds) expect(sampled, `${name} kind ${String(kind)}`).toContain(kind);
  });

  it('refuse fractional points, since points are integers', () => {
    const [accrual] = SAMPLES.events;
    expect(schemaErrors(COLLECTIONS.events.schema, { ...accrual, points: 1.5 })).not.toEqual([]);
  });

  it('refuse fields the schema does not know', () => {
    expect(
      schemaErrors(COLLECTIONS.residents.schema, {
        ...residentSample,
        idNumber: '320505196804121234',
      }),
    ).not.toEqual([]);
  });

  it('refuse a resident whose last four ID characters are not digits or X', () => {
    expect(
      schemaErrors(COLLECTIONS.residents.schema, { ...residentSample, idLast4: '12x4' }),
    ).not.toEqual([]);
    expect(
      schemaErrors(COLLECTIONS.residents.schema, { ...residentSample, idLast4: '123X' }),
    ).toEqual([]);
  });

  it('refuse a village document without a 12-digit village code, but let the catalog publish township-wide', () => {
    expect(
      schemaErrors(COLLECTIONS.residents.schema, { ...residentSample, villageCode: '' }),
    ).not.toEqual([]);
    const [template] = SAMPLES.catalog;
    expect(template?.villageCode).toBe('');
    expect(schemaErrors(COLLECTIONS.catalog.schema, template)).toEqual([]);
  });

  it('refuse dates that are not YYYY-MM-DD', () => {
    expect(
      schemaErrors(COLLECTIONS.residents.schema, { ...residentSample, birthDate: '1968-4-12' }),
    ).not.toEqual([]);
    expect(
      schemaErrors(COLLECTIONS.residents.schema, { ...residentSample, birthDate: '1968-13-01' }),
    ).not.toEqual([]);
  });
});
