import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { SAMPLES } from './fixtures/samples.ts';
import { COLLECTIONS } from './index.ts';
import { COLLECTION_NAMES } from './plan.ts';
import { compileSchemaValidator } from './schema-validator.ts';

/** The reference: z-schema, the validator RxDB offers, each schema registered once. */
const zschema = ZSchema.create({ strictMode: false });
for (const name of COLLECTION_NAMES) {
  zschema.setRemoteReference(
    `test://${name}`,
    JSON.parse(JSON.stringify(COLLECTIONS[name].schema)) as object,
  );
}

function referenceFields(name: string, doc: unknown): string[] | null {
  const result = zschema.validateSafe(doc, `test://${name}`);
  if (result.valid) return null;
  return (result.err?.details ?? []).map((detail) => String(detail.path));
}

/** Values that break one schema keyword or another, put in place of a field's value. */
const REPLACEMENTS: readonly unknown[] = [
  null,
  true,
  1.5,
  -1,
  0,
  1e15,
  '',
  'x',
  'ABC-123',
  '2025-02-30',
  '𠀀',
  'x'.repeat(5000),
  [],
  ['a', 'a'],
  {},
];

type Json = Record<string, unknown> | unknown[];

/** Every document made from `doc` by one change: a value replaced, a key removed or added. */
function* variants(doc: unknown): Generator {
  function* at(node: Json, rebuild: (changed: Json) => unknown): Generator {
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((value, i) => [i, value])
      : Object.entries(node);
    const replaced = (key: string | number, value: unknown): Json => {
      if (Array.isArray(node)) return node.map((item, i) => (i === key ? value : item));
      return { ...node, [key]: value };
    };
    for (const [key, value] of entries) {
      for (const replacement of REPLACEMENTS) yield rebuild(replaced(key, replacement));
      if (!Array.isArray(node)) {
        const { [key]: _removed, ...rest } = node;
        yield rebuild(rest);
      }
      if (typeof value === 'object' && value !== null) {
        yield* at(value as Json, (changed) => rebuild(replaced(key, changed)));
      }
    }
    if (!Array.isArray(node)) yield rebuild({ ...node, notInTheSchema: 1 });
    else yield rebuild([...node, node[0] ?? 'extra']);
  }
  yield* at(doc as Json, (changed) => changed);
}

describe('compileSchemaValidator', () => {
  it('compiles every collection schema', () => {
    for (const name of COLLECTION_NAMES) {
      expect(() => compileSchemaValidator(COLLECTIONS[name].schema), name).not.toThrow();
    }
  });

  it('agrees with z-schema on every sample and every one-change variant of it', () => {
    let compared = 0;
    let invalid = 0;
    for (const name of COLLECTION_NAMES) {
      const validate = compileSchemaValidator(COLLECTIONS[name].schema);
      for (const sample of SAMPLES[name]) {
        expect(validate(sample), `${name} ${sample.id}`).toEqual([]);
        for (const variant of variants(sample)) {
          const reference = referenceFields(name, variant);
          const fields = validate(variant).map((violation) => violation.field);
          compared += 1;
          if (reference === null) {
            expect(fields, `${name}: ${JSON.stringify(variant).slice(0, 400)}`).toEqual([]);
          } else {
            invalid += 1;
            expect(
              fields.length,
              `${name}: ${JSON.stringify(variant).slice(0, 400)}`,
            ).toBeGreaterThan(0);
            expect(reference, `${name}: ${JSON.stringify(variant).slice(0, 400)}`).toEqual(
              expect.arrayContaining(fields),
            );
          }
        }
      }
    }
    // The variants reach far: thousands of documents, most of them broken.
    expect(compared).toBeGreaterThan(5000);
    expect(invalid).toBeGreaterThan(compared / 2);
  });

  it('says where and what: the path as z-schema writes it, and the rule broken', () => {
    const validate = compileSchemaValidator({
      type: 'object',
      properties: {
        rule: {
          type: 'object',
          properties: { points: { type: 'integer', minimum: -1000, maximum: 1000 } },
          required: ['points'],
        },
        tags: { type: 'array', items: { type: 'string', maxLength: 2 }, uniqueItems: true },
      },
      required: ['rule'],
      additionalProperties: false,
    });
    expect(validate({ rule: { points: 1.5 }, tags: ['ab'] })).toEqual([
      { field: '#/rule/points', message: 'Expected type integer but found type number' },
    ]);
    expect(validate({ rule: {}, tags: ['abc', 'abc'], other: 1 }).map((v) => v.field)).toEqual([
      '#/',
      '#/rule',
      '#/tags',
      '#/tags/0',
      '#/tags/1',
    ]);
  });

  it('counts a character outside the basic plane as one, as JSON Schema does', () => {
    const validate = compileSchemaValidator({ type: 'string', maxLength: 2 });
    expect(validate('𠀀𠀀')).toEqual([]);
    expect(validate('𠀀𠀀𠀀')).toHaveLength(1);
  });

  it('refuses to compile a keyword it does not know, rather than skip it', () => {
    expect(() =>
      compileSchemaValidator({
        type: 'object',
        properties: { a: { type: 'string', format: 'date' } },
      }),
    ).toThrow('schema #/properties/a: keyword format is not supported');
    expect(() => compileSchemaValidator({ oneOf: [{ type: 'string' }] })).toThrow(
      'keyword oneOf is not supported',
    );
  });
});
