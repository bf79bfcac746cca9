import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../shared/collections/fixtures/samples.ts';
import { COLLECTIONS } from '../../../shared/collections/index.ts';
import { COLLECTION_NAMES } from '../../../shared/collections/plan.ts';
import { validatorOf } from './validation.ts';

/** A sample as the storage holds it: with RxDB's keys. */
function stored(doc: object): Record<string, unknown> {
  return {
    ...doc,
    _deleted: false,
    _meta: { lwt: 1_733_000_000_000.01 },
    _rev: '1-a',
    _attachments: {},
  };
}

describe('validatorOf', () => {
  it('validates stored documents against the schemas as RxDB fills them in', () => {
    for (const name of COLLECTION_NAMES) {
      const schema = fillWithDefaultSettings(
        COLLECTIONS[name].schema as unknown as RxJsonSchema<unknown>,
      ) as RxJsonSchema<unknown>;
      const validate = validatorOf(schema);
      for (const sample of SAMPLES[name]) {
        expect(validate(stored(sample)), `${name} ${sample.id}`).toEqual([]);
        expect(validate({ ...stored(sample), _rev: '' }).map((e) => e.field)).toEqual(['#/_rev']);
        expect(validate({ ...stored(sample), _meta: {} }).map((e) => e.field)).toEqual(['#/_meta']);
      }
    }
  });

  it('refuses fractional points with the field named, as RxDB reports it', () => {
    const schema = fillWithDefaultSettings(
      COLLECTIONS.events.schema as unknown as RxJsonSchema<unknown>,
    ) as RxJsonSchema<unknown>;
    const [accrual] = SAMPLES.events;
    expect(validatorOf(schema)(stored({ ...accrual, points: 1.5 }))).toContainEqual({
      field: '#/points',
      message: 'Expected type integer but found type number',
    });
  });
});
