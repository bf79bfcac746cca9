/**
 * A collection's JSON schema turned once into a tree of small checking functions, for the
 * validation of every document written to the local store (renderer/src/db/validation.ts).
 *
 * Why not z-schema, which RxDB offers: it interprets the schema on every call, and for each
 * document walks the whole schema to collect its ids and checks every `pattern` for ReDoS
 * before compiling it again — about 75 µs per ledger event, a fifth of a first sync's main
 * thread. Why not ajv: it compiles with `new Function`, which the app's CSP (no
 * 'unsafe-eval') forbids. Closures need no eval.
 *
 * It knows exactly the keywords the collections use (draft-04 semantics, as z-schema applies
 * them) and refuses to compile a schema with any other, so a schema change can never be
 * validated only in part. schema-validator.test.ts checks it against z-schema on every
 * sample document and on each way of breaking them.
 */

export interface SchemaViolation {
  /** Where, as z-schema writes it: '#/' for the document, '#/rule/points' below. */
  readonly field: string;
  readonly message: string;
}

export type DocumentValidator = (doc: unknown) => SchemaViolation[];

type Check = (value: unknown, path: string, out: SchemaViolation[]) => void;

/** Keywords that describe and never constrain (JSON Schema's and RxDB's own). */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'version',
  'primaryKey',
  'indexes',
  'keyCompression',
  'encrypted',
  'attachments',
  'default',
  'final',
  'ref',
  '$comment',
  'sharding',
  'internalIndexes',
  'crdt',
]);

const CONSTRAINTS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'multipleOf',
]);

type Node = Readonly<Record<string, unknown>>;

/** JSON Schema's name for the value's type; an integer is also a 'number'. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value % 1 === 0 ? 'integer' : 'number';
    return Number.isNaN(value) ? 'not-a-number' : 'unknown-number';
  }
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in code points, as JSON Schema counts it (a surrogate pair is one). */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const high = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}

/** Structural equality of JSON values, for `enum` and `uniqueItems`. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]))
    );
  }
  return false;
}

/** The pattern's RegExp as z-schema builds it: unicode mode only where the pattern needs it. */
function patternOf(source: string): RegExp {
  const unicode =
    /\\[pP]{/.test(source) ||
    /[\u{10000}-\u{10FFFF}]/u.test(source) ||
    /\\uD[89AB][0-9A-Fa-f]{2}\\uD[CDEF][0-9A-Fa-f]{2}/.test(source);
  return new RegExp(source, unicode ? 'u' : '');
}

function fail(out: SchemaViolation[], path: string, message: string): void {
  out.push({ field: path === '#' ? '#/' : path, message });
}

function numberOf(node: Node, keyword: string, where: string): number {
  const value = node[keyword];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`schema ${where}: ${keyword} must be a number`);
  }
  return value;
}

function stringOf(node: Node, keyword: string, where: string): string {
  const value = node[keyword];
  if (typeof value !== 'string') throw new Error(`schema ${where}: ${keyword} must be a string`);
  return value;
}

function compileNode(node: unknown, where: string): Check {
  if (!isPlainObject(node)) throw new Error(`schema ${where}: not a schema object`);
  for (const keyword of Object.keys(node)) {
    if (!CONSTRAINTS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`schema ${where}: keyword ${keyword} is not supported`);
    }
  }
  const checks: Check[] = [];

  if (node['type'] !== undefined) {
    const types: unknown[] = Array.isArray(node['type']) ? node['type'] : [node['type']];
    if (!types.every((type): type is string => typeof type === 'string')) {
      throw new Error(`schema ${where}: type must be a name or a list of names`);
    }
    const allowed = new Set(types);
    const label = Array.isArray(node['type']) ? JSON.stringify(types) : types.join();
    checks.push((value, path, out) => {
      const type = typeOf(value);
      if (allowed.has(type) || (type === 'integer' && allowed.has('number'))) return;
      fail(out, path, `Expected type ${label} but found type ${type}`);
    });
  }

  if (node['enum'] !== undefined) {
    const options = node['enum'];
    if (!Array.isArray(options)) throw new Error(`schema ${where}: enum must be a list`);
    const primitive = options.every((option) => typeof option !== 'object' || option === null);
    checks.push((value, path, out) => {
      const found = primitive
        ? options.includes(value)
        : options.some((option) => sameJson(option, value));
      if (!found) fail(out, path, `No enum match for: ${JSON.stringify(value)}`);
    });
  }

  // Strings.
  const minLength = node['minLength'] === undefined ? -1 : numberOf(node, 'minLength', where);
  const maxLength = node['maxLength'] === undefined ? Infinity : numberOf(node, 'maxLength', where);
  const pattern =
    node['pattern'] === undefined ? undefined : patternOf(stringOf(node, 'pattern', where));
  if (minLength >= 0 || maxLength !== Infinity || pattern !== undefined) {
    checks.push((value, path, out) => {
      if (typeof value !== 'string') return;
      if (minLength >= 0 || maxLength !== Infinity) {
        const length = codePoints(value);
        if (length < minLength)
          fail(
            out,
            path,
            `String is too short (${String(length)} chars), minimum ${String(minLength)}`,
          );
        if (length > maxLength)
          fail(
            out,
            path,
            `String is too long (${String(length)} chars), maximum ${String(maxLength)}`,
          );
      }
      if (pattern !== undefined && !pattern.test(value)) {
        fail(out, path, `String does not match pattern ${pattern.source}: ${value}`);
      }
    });
  }

  // Numbers.
  const minimum = node['minimum'] === undefined ? -Infinity : numberOf(node, 'minimum', where);
  const maximum = node['maximum'] === undefined ? Infinity : numberOf(node, 'maximum', where);
  const multipleOf =
    node['multipleOf'] === undefined ? undefined : numberOf(node, 'multipleOf', where);
  if (minimum !== -Infinity || maximum !== Infinity || multipleOf !== undefined) {
    checks.push((value, path, out) => {
      if (typeof value !== 'number') return;
      if (value < minimum)
        fail(out, path, `Value ${String(value)} is less than minimum ${String(minimum)}`);
      if (value > maximum)
        fail(out, path, `Value ${String(value)} is greater than maximum ${String(maximum)}`);
      if (multipleOf !== undefined) {
        // As z-schema decides it: a quotient within 1e-10 of a whole number.
        const quotient = value / multipleOf;
        if (!Number.isFinite(quotient) || Math.abs(quotient - Math.round(quotient)) >= 1e-10) {
          fail(out, path, `Value ${String(value)} is not a multiple of ${String(multipleOf)}`);
        }
      }
    });
  }

  // Arrays.
  const items =
    node['items'] === undefined ? undefined : compileNode(node['items'], `${where}/items`);
  const minItems = node['minItems'] === undefined ? -1 : numberOf(node, 'minItems', where);
  const maxItems = node['maxItems'] === undefined ? Infinity : numberOf(node, 'maxItems', where);
  const uniqueItems = node['uniqueItems'] === true;
  if (items !== undefined || minItems >= 0 || maxItems !== Infinity || uniqueItems) {
    checks.push((value, path, out) => {
      if (!Array.isArray(value)) return;
      if (value.length < minItems)
        fail(
          out,
          path,
          `Array is too short (${String(value.length)}), minimum ${String(minItems)}`,
        );
      if (value.length > maxItems)
        fail(out, path, `Array is too long (${String(value.length)}), maximum ${String(maxItems)}`);
      if (uniqueItems) {
        for (let i = 1; i < value.length; i += 1) {
          for (let j = 0; j < i; j += 1) {
            if (sameJson(value[i], value[j])) {
              fail(out, path, `Array items are not unique (indexes ${String(j)} and ${String(i)})`);
              i = value.length;
              break;
            }
          }
        }
      }
      if (items !== undefined) {
        for (let i = 0; i < value.length; i += 1) items(value[i], `${path}/${String(i)}`, out);
      }
    });
  }

  // Objects.
  const properties = node['properties'];
  if (properties !== undefined && !isPlainObject(properties)) {
    throw new Error(`schema ${where}: properties must be an object`);
  }
  const propertyChecks = new Map<string, Check>(
    Object.entries(properties ?? {}).map(([key, child]) => [
      key,
      compileNode(child, `${where}/properties/${key}`),
    ]),
  );
  const required: unknown = node['required'] ?? [];
  if (!Array.isArray(required) || !required.every((key) => typeof key === 'string')) {
    throw new Error(`schema ${where}: required must be a list of names`);
  }
  const additional = node['additionalProperties'];
  const additionalCheck = isPlainObject(additional)
    ? compileNode(additional, `${where}/additionalProperties`)
    : undefined;
  if (propertyChecks.size > 0 || required.length > 0 || additional !== undefined) {
    checks.push((value, path, out) => {
      if (!isPlainObject(value)) return;
      if (additional === false) {
        const extra = Object.keys(value).filter((key) => !propertyChecks.has(key));
        if (extra.length > 0)
          fail(out, path, `Additional properties not allowed: ${extra.join(',')}`);
      }
      for (const key of required) {
        if (!Object.hasOwn(value, key)) fail(out, path, `Missing required property: ${key}`);
      }
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const check = propertyChecks.get(key) ?? additionalCheck;
        if (check !== undefined) check(value[key], `${path}/${key}`, out);
      }
    });
  }

  return (value, path, out) => {
    for (const check of checks) check(value, path, out);
  };
}

const compiled = new WeakMap<object, DocumentValidator>();

/**
 * The validator of `schema` (a collection's, or as RxDB fills it in with `_meta`, `_rev` and
 * `_deleted`), compiled on the first call for that schema object and kept: schemas are
 * constants, never changed once written. Throws if the schema uses a keyword this validator
 * does not know.
 */
export function compileSchemaValidator(schema: object): DocumentValidator {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    const check = compileNode(schema, '#');
    validate = (doc) => {
      const out: SchemaViolation[] = [];
      check(doc, '#', out);
      return out;
    };
    compiled.set(schema, validate);
  }
  return validate;
}
