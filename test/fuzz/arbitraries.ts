/**
 * fast-check arbitraries built from the OpenAPI document's schemas (the JSON Schema subset zod emits:
 * type, properties, required, items, enum, nullable, lengths, bounds, pattern, format). `valid` follows
 * the schema (so that a case gets past validation and reaches the use case), `hostile` is anything a
 * client could send instead (wrong types, oversized, unicode, injection-looking), and `mutated` is a
 * mostly valid value with some parts hostile or missing and unknown keys added.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Strings a careless handler chokes on: SQL / template / path injection, NUL, bidi, lone surrogates, odd dates and numbers. */
export const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; select pg_sleep(5)',
  '" onmouseover="alert(1)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  'C:\\Windows\\System32',
  '%00',
  '\u0000',
  'a\u0000b',
  '\\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\ufeff',
  '\u200b',
  'ﷺ',
  'Z̷̢̛͓a̴̧͠l̵g̶o̸',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '𝕏𝔶𝔷',
  'Ⅻ',
  '٣٤٥',
  '１２３',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '-1',
  '0x1F',
  '9'.repeat(40),
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '99999-01-01',
  '1900-01-01',
  '2026-02-29T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000g',
  ' ',
  '\t\r\n',
  '',
  ',;,;\n"\n',
  '=cmd|" /C calc"!A0',
  '@SUM(1+1)',
  'a@b',
  'x@x.x',
  '%s%s%s%n',
  "x'); DROP TABLE students;--",
];

/** What databases choke on: NUL characters, text past a btree index entry's size, lone surrogates. */
export const DB_CRITICAL = ['\u0000', 'a\u0000b', 'Texte\u0000', '\ud800x', 'x'.repeat(2_800), 'é'.repeat(1_500), '😀'.repeat(800)];

const LONG = [
  'A'.repeat(10_001),
  'é'.repeat(70_000),
  '😀'.repeat(30_000),
  '\u0000'.repeat(5_000),
  'x'.repeat(1_048_000),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 6 },
  { arbitrary: fc.constantFrom(...DB_CRITICAL), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...LONG), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b), weight: 1 },
);

const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.000001, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 31) - 1, 2 ** 31, 2 ** 63),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  nastyString,
);

/** Anything at all, including deep and wide structures. */
export const hostileAny: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyScalar, weight: 6 },
  { arbitrary: fc.array(nastyScalar, { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), nastyScalar, { maxKeys: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], Array.from({ length: 50_000 }, (_, i) => i), {}), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** A value of the wrong kind, or a nasty one of the right kind, for this schema. */
export function hostile(schema: JsonSchema): fc.Arbitrary<unknown> {
  const sameKind: fc.Arbitrary<unknown>[] = [];
  if (schema.type === 'string') sameKind.push(nastyString);
  if (schema.type === 'integer' || schema.type === 'number') {
    sameKind.push(
      fc.constantFrom<unknown>((schema.minimum ?? 0) - 1, (schema.maximum ?? 0) + 1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 63),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
  }
  if (schema.type === 'array') {
    sameKind.push(fc.array(hostileAny, { maxLength: 4 }), fc.constant(Array.from({ length: (schema.maxItems ?? 100) + 1 }, () => (schema.items ? exampleOf(schema.items) : 0))));
  }
  if (schema.type === 'object') sameKind.push(fc.dictionary(nastyString, hostileAny, { maxKeys: 4 }), fc.constant({}));
  return sameKind.length ? fc.oneof({ arbitrary: fc.oneof(...sameKind), weight: 2 }, { arbitrary: hostileAny, weight: 1 }) : hostileAny;
}

/** A single plausible value of a schema (for oversized arrays). */
function exampleOf(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'string') return schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000001' : 'x';
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 0;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array') return [];
  if (schema.type === 'object') return Object.fromEntries((schema.required ?? []).map((k) => [k, exampleOf(schema.properties?.[k] ?? {})]));
  return null;
}

export interface Pools {
  /** real ids of the world's objects, used where a schema wants a uuid */
  uuids: readonly string[];
}

function validString(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 80, 80);
  const min = Math.min(schema.minLength ?? 0, max);
  if (schema.format === 'uuid') return fc.oneof({ arbitrary: fc.constantFrom(...pools.uuids), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 });
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
    // mostly real dates (the pattern alone gives impossible ones, which the schema refuses anyway)
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    return fc.oneof({ arbitrary: day, weight: 3 }, { arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), weight: 1 });
  }
  if (schema.pattern && /^\^(-\?)?\\d\{1,\d+\}(\(\?:\[\.,\]\\d\{1,2\}\)\?)?\$$/.test(schema.pattern)) {
    // a number written as text: mostly small ones, which the refinements behind the pattern (ranges) accept
    return fc.oneof({ arbitrary: fc.integer({ min: 0, max: 60 }).map(String), weight: 3 }, { arbitrary: fc.stringMatching(new RegExp(schema.pattern)), weight: 1 });
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter((s) => s.length <= (schema.maxLength ?? Infinity) && s.length >= (schema.minLength ?? 0));
    } catch {
      /* a pattern fast-check cannot drive: plain strings below */
    }
  }
  const fits = (v: string) => v.length >= (schema.minLength ?? 0) && v.length <= (schema.maxLength ?? Infinity);
  const nastyFitting = [...NASTY_STRINGS, ...LONG].filter(fits);
  const criticalFitting = DB_CRITICAL.filter(fits);
  // nasty values that pass the schema are the ones that reach the use case and the database
  return fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength: max }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }), weight: 1 },
    ...(nastyFitting.length ? [{ arbitrary: fc.constantFrom(...nastyFitting), weight: 1 }] : []),
    ...(criticalFitting.length ? [{ arbitrary: fc.constantFrom(...criticalFitting), weight: 2 }] : []),
    { arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ minLength: min, maxLength: max })).map(([a, b]) => (a + b).slice(0, schema.maxLength ?? Infinity)).filter(fits), weight: 1 },
  );
}

/** Values that follow the schema. */
export function valid(schema: JsonSchema, pools: Pools): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valid(s, pools)));
  if (schema.allOf?.length) return valid(schema.allOf[0]!, pools);
  let arb: fc.Arbitrary<unknown>;
  if (schema.enum?.length) arb = fc.constantFrom(...schema.enum);
  else if (schema.type === 'string') arb = validString(schema, pools);
  else if (schema.type === 'integer') arb = fc.integer({ min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER), max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) });
  else if (schema.type === 'number') arb = fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
  else if (schema.type === 'boolean') arb = fc.boolean();
  else if (schema.type === 'array') arb = fc.array(valid(schema.items ?? {}, pools), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)) });
  else if (schema.type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const required = (schema.required ?? []).filter((k) => k in props);
    arb = fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valid(s, pools)])), { requiredKeys: required });
  } else arb = fc.jsonValue({ maxDepth: 2 });
  return schema.nullable ? fc.oneof({ arbitrary: arb, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }) : arb;
}

const ABSENT = Symbol('absent');

/** Mostly valid, with some parts hostile or missing, and sometimes unknown keys. */
export function mutated(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const isObject = (schema.type === 'object' || schema.properties) && depth < 4;
  const isArray = schema.type === 'array' && depth < 4;
  let structured: fc.Arbitrary<unknown> | undefined;
  if (isObject) {
    const props = schema.properties ?? {};
    const fields = Object.entries(props).map(([k, s]) =>
      fc
        .oneof(
          { arbitrary: valid(s, pools), weight: 6 },
          { arbitrary: mutated(s, pools, depth + 1), weight: 2 },
          { arbitrary: hostile(s), weight: 2 },
          { arbitrary: fc.constant(ABSENT), weight: 1 },
        )
        .map((v) => [k, v] as const),
    );
    structured = fc
      .tuple(fc.tuple(...fields), fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: fc.dictionary(nastyString, hostileAny, { maxKeys: 3 }), weight: 1 }))
      .map(([entries, extra]) => {
        const o: Record<string, unknown> = { ...(extra as Record<string, unknown>) };
        for (const [k, v] of entries) if (v !== ABSENT) o[k] = v;
        return o;
      });
  } else if (isArray) {
    structured = fc.array(fc.oneof({ arbitrary: valid(schema.items ?? {}, pools), weight: 3 }, { arbitrary: mutated(schema.items ?? {}, pools, depth + 1), weight: 1 }), { maxLength: 5 });
  }
  return fc.oneof(
    { arbitrary: structured ?? valid(schema, pools), weight: 5 },
    { arbitrary: valid(schema, pools), weight: 2 },
    { arbitrary: hostile(schema), weight: 2 },
  );
}

/** A valid value with exactly one part (at any depth) hostile or missing: gets furthest into the use case. */
export function pointMutated(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {});
  if ((schema.type === 'object' || schema.properties) && props.length && depth < 4) {
    const required = (schema.required ?? []).filter((k) => props.some(([p]) => p === k));
    return fc.integer({ min: 0, max: props.length - 1 }).chain((k) =>
      fc
        .tuple(
          ...props.map(([, s], i) =>
            i === k
              ? fc.oneof({ arbitrary: hostile(s), weight: 3 }, { arbitrary: pointMutated(s, pools, depth + 1), weight: 2 }, { arbitrary: fc.constant(ABSENT), weight: 1 })
              : fc.oneof({ arbitrary: valid(s, pools), weight: 1 }, { arbitrary: fc.constant(ABSENT), weight: required.includes(props[i]![0]) ? 0 : 1 }),
          ),
        )
        .map((values) => Object.fromEntries(props.map(([name], i) => [name, values[i]]).filter(([, v]) => v !== ABSENT))),
    );
  }
  if (schema.type === 'array' && depth < 4) {
    return fc
      .tuple(fc.array(valid(schema.items ?? {}, pools), { maxLength: 3 }), pointMutated(schema.items ?? {}, pools, depth + 1), fc.nat())
      .map(([items, bad, at]) => {
        const out = [...items];
        out.splice(at % (items.length + 1), 0, bad);
        return out;
      });
  }
  return hostile(schema);
}
