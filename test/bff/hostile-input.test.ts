/**
 * Every hostile value is a 4xx (tracker issue 9, point 4).
 *
 * For every operation of the OpenAPI document, requests generated from a fixed seed, each with
 * at least one value that must be refused: path and query parameters replaced by hostile values
 * (control characters, `%00`, very long text, `../`, bidi overrides, lone surrogates and other
 * percent-encodings that are not UTF-8, numbers past int4 and int8, `1e309`, `0x10`, months and
 * dates such as `0000-01`); JSON bodies derived from the documented schema with one or several
 * fields replaced (wrong types, control characters, huge, negative and fractional numbers, 100k
 * elements, deep nesting, `__proto__` and `constructor` keys, extra fields); invalid JSON; a
 * wrong Content-Type; bad `If-Match` and `Idempotency-Key` headers. They are sent as SEPPmail's
 * admin and as a partner user with every role, so that they pass scope and role checks and
 * reach validation.
 *
 * Asserted: no answer is 5xx; every refusal is problem+json with `type` and `status`; nothing
 * is accepted, and no row of any table changed. Every request is judged malformed by
 * `refusal()`, from the request alone and independently of how it was generated, so that an
 * acceptance is a real validation gap and not a generator's mistake.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

const SEED = 0x20261203;
const INT4_MAX = 2_147_483_647;
const BODY_LIMIT = 64 * 1024;
/** SEPPmail's admin and a partner user with every role (see bff/seed/demo-data.ts). */
const USERS = ['sepp-admin', 'lemanic-all'] as const;
type User = (typeof USERS)[number];
/** Random body mutations per operation and user, besides the fixed whole-body cases. */
const BODY_MUTATIONS = 125;
/** Tables that a refused request may still write (or that are not the application's rows). */
const UNDIGESTED = new Set(['kysely_migration', 'kysely_migration_lock', 'idempotency_keys', 'rate_limits']);
/** The years a date or month may have (the schemas' bound, see bff/http/validate.ts). */
const YEARS = { min: 2000, max: 2999 };

// ---------------------------------------------------------------------------------------------
// The documented operations.

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  params: Parameter[];
  body?: JsonSchema;
  ifMatch: boolean;
  idempotencyKey: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters: Parameter[]; requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>>;
}

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      params: op.parameters.filter((p) => p.in !== 'header'),
      body: op.requestBody?.content['application/json'].schema,
      ifMatch: op.parameters.some((p) => p.name === 'If-Match'),
      idempotencyKey: op.parameters.some((p) => p.name === 'Idempotency-Key'),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// The judge: why a request must be refused, from the request alone.

const CONTROL = /\p{Cc}/u;

/** Whether a value breaks the documented schema for certain (lengths counted the lenient way). */
function breaks(schema: JsonSchema | undefined, value: unknown): boolean {
  if (!schema) return false;
  if (schema.anyOf) return schema.anyOf.every((s) => breaks(s, value));
  if (schema.enum && !schema.enum.includes(value)) return true;
  if (schema.type !== undefined && ![schema.type].flat().some((t) => hasType(t, value))) return true;
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return true;
    if (schema.minLength !== undefined && value.length < schema.minLength) return true;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return true;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return true;
    if (schema.maximum !== undefined && value > schema.maximum) return true;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return true;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return true;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return true;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return true;
    if (schema.items && value.some((item) => breaks(schema.items, item))) return true;
  }
  if (isObject(value)) {
    if ((schema.required ?? []).some((name) => !Object.hasOwn(value, name))) return true;
    for (const [name, item] of Object.entries(value)) {
      const property = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (property ? breaks(property, item) : schema.additionalProperties === false) return true;
    }
  }
  return false;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every string of a JSON value, keys included (iteratively: bodies may be nested deeply). */
function* stringsOf(value: unknown): Generator<string> {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') yield next;
    else if (Array.isArray(next)) stack.push(...next);
    else if (isObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        yield key;
        stack.push(item);
      }
    }
  }
}

/** A real date (or month) with a year in YEARS, as the calendar fields must be. */
function calendarBreaks(text: unknown, kind: 'date' | 'month'): boolean {
  if (typeof text !== 'string') return false; // the schema's type refuses it already
  const match = (kind === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/ : /^(\d{4})-(\d{2})$/).exec(text);
  if (!match) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
  if (year < YEARS.min || year > YEARS.max || month < 1 || month > 12) return true;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day;
}

const CALENDAR_FIELDS: Record<string, 'date' | 'month'> = { endBilling: 'date', month: 'month' };

function calendarBreaksIn(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (Array.isArray(next)) stack.push(...next);
    else if (isObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (Object.hasOwn(CALENDAR_FIELDS, key) && calendarBreaks(item, CALENDAR_FIELDS[key]!)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

function decodeComponent(raw: string, plusIsSpace = false): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
  } catch {
    return undefined;
  }
}

const isJsonMediaType = (contentType: string | null) => /^application\/([\w.-]+\+)?json$/i.test((contentType ?? '').split(';')[0]!.trim());

/** What exists: a path ID or `tenant` other than these names nothing (404 at least). */
interface World {
  ids: Record<'tenantId' | 'domainId' | 'jobId' | 'offerId' | 'tenant', Set<string>>;
}

interface Case {
  user: User;
  op: Operation;
  /** What was made hostile, for the summary. */
  cause: string;
  pathParams: Record<string, string>;
  /** Raw text appended to the path of an operation without path parameters. */
  pathSuffix?: string;
  /** Raw (URL-encoded) key and value; a value of null is a key alone. */
  query: [string, string | null][];
  headers: Headers;
  body?: string;
}

/** Why the request must be refused, or undefined when it might be a valid one. */
function refusal(c: Case, world: World, fixture: Fixture): string | undefined {
  // The path.
  if (c.pathSuffix !== undefined) {
    const decoded = decodeComponent(c.pathSuffix);
    if (decoded === undefined) return 'path: percent-encoding that is not UTF-8';
    if (CONTROL.test(decoded)) return 'path: control character';
    return 'path: names no route';
  }
  for (const [name, raw] of Object.entries(c.pathParams)) {
    const value = decodeComponent(raw);
    if (value === undefined) return `path ${name}: percent-encoding that is not UTF-8`;
    if (CONTROL.test(value)) return `path ${name}: control character`;
    if (name === 'number') {
      if (!/^[1-9]\d*$/.test(value) || Number(value) > INT4_MAX || !fixture.numbers.has(Number(value)) || c.pathParams.domainId !== fixture.domainId) {
        return 'path number: names no service';
      }
    } else if (!world.ids[name as keyof World['ids']]?.has(value)) return `path ${name}: names nothing`;
  }

  // The query.
  const seen = new Set<string>();
  for (const [rawKey, rawValue] of c.query) {
    const key = decodeComponent(rawKey, true);
    const value = rawValue === null ? '' : decodeComponent(rawValue, true);
    if (key === undefined || value === undefined) return 'query: percent-encoding that is not UTF-8';
    if (CONTROL.test(key) || CONTROL.test(value)) return 'query: control character';
    const parameter = c.op.params.find((p) => p.in === 'query' && p.name === key);
    if (!parameter) continue;
    if (seen.has(key)) return `query ${key}: given twice`;
    seen.add(key);
    const schema = parameter.schema;
    if (schema.type === 'integer' || schema.type === 'number') {
      // Parameters are text: a number is written in decimal digits, not `0x10`, `1e3`, ` 5` or `007`.
      if (!/^(0|-?[1-9]\d*)$/.test(value) || breaks(schema, Number(value))) return `query ${key}: not a number in range`;
    } else if (breaks(schema, value)) return `query ${key}: breaks its schema`;
    if (Object.hasOwn(CALENDAR_FIELDS, key) && calendarBreaks(value, CALENDAR_FIELDS[key]!)) return `query ${key}: not a date in ${YEARS.min}–${YEARS.max}`;
    if (key === 'tenant' && !world.ids.tenant.has(value)) return 'query tenant: names nothing';
    // Only the list makes cursors, and none of these values is one (cursor-invalid).
    if (key === 'cursor') return 'query cursor: not a cursor of this list';
  }

  // The headers.
  if (c.op.ifMatch) {
    const tag = c.headers.get('If-Match');
    if (tag === null) return 'If-Match: missing';
    if (tag.trim() !== '*' && !fixture.etags.has(tag.trim())) return 'If-Match: names no current version';
  }
  const key = c.headers.get('Idempotency-Key');
  if (c.op.idempotencyKey && key !== null && (key.length > 255 || CONTROL.test(key))) return 'Idempotency-Key: too long or control character';

  // The body.
  if (c.op.body) return bodyRefusal(c.op.body, c.headers.get('Content-Type'), c.body ?? '');
  return undefined;
}

const bodyVerdicts = new WeakMap<JsonSchema, Map<string, string | undefined>>();

/** Why a body must be refused (remembered: generation asks again as it adds mutations). */
function bodyRefusal(schema: JsonSchema, contentType: string | null, text: string): string | undefined {
  const verdicts = bodyVerdicts.get(schema) ?? new Map<string, string | undefined>();
  bodyVerdicts.set(schema, verdicts);
  const key = `${contentType}\u0000${text}`;
  if (!verdicts.has(key)) verdicts.set(key, judgeBody(schema, contentType, text));
  return verdicts.get(key);
}

function judgeBody(schema: JsonSchema, contentType: string | null, text: string): string | undefined {
  if (Buffer.byteLength(text) > BODY_LIMIT) return 'body: over 64 KiB';
  if (!isJsonMediaType(contentType)) {
    if (text.length > 0) return 'body: not declared as JSON';
    return breaks(schema, {}) ? 'body: missing' : undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'body: not JSON';
  }
  for (const string of stringsOf(value)) if (CONTROL.test(string)) return 'body: control character';
  if (calendarBreaksIn(value)) return `body: a date not in ${YEARS.min}–${YEARS.max}`;
  if (breaks(schema, value)) return 'body: breaks its schema';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** Small seeded PRNG (mulberry32): the same requests on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

const enc = encodeURIComponent;
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\t', '\n', '\r', '\u000b', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009b', '\u009f'];
const NUMBERS_AS_TEXT = ['2147483648', '4294967296', '99999999999', '9223372036854775808', '18446744073709551616', '-1', '-2147483649', '0', '1e309', '-1e309', '0x10', '1.5', '1e3', 'NaN', 'Infinity', enc(' 1'), enc('+1'), '00000000001', enc('１')];
const CALENDAR = ['0000-01', '0000-01-01', '9999999-01', '9999999-01-01', '2026-13', '2026-00', '2026-02-30', '2026-11-31', '2026-00-10', '1999-12', '1999-12-31', '3000-01', '3000-01-01', '2026-1-1', '+002026-01-01', '-2026-01', '20261-01', '２０２６-01'];

/** Path values, already URL-encoded as they appear in the request line. */
const PATH_VALUES: string[] = [
  ...CONTROLS.map(enc),
  enc('T-10001\u0000'),
  enc('D-20001\u0000'),
  '%00',
  '%00%00%00',
  'T-10001%00',
  '%2500',
  '%',
  '%zz',
  '%ED%A0%80',
  '%ED%B0%80',
  '%FF',
  '%C0%80',
  '%C0%AE%C0%AE%2F',
  enc('\u001b[2J\u001b[H'),
  enc('x'.repeat(5000)),
  enc(`T-${'9'.repeat(70_000)}`),
  enc('../'),
  enc('../../etc/passwd'),
  enc('..\\..\\'),
  enc('\u202eT-10001'),
  enc('\u2066T-10001\u2069'),
  enc('T-10001\u200f'),
  enc('\ufeffT-10001'),
  enc('😀'),
  ...NUMBERS_AS_TEXT,
  enc('T-2147483648'),
  enc('D-99999999999'),
  enc("T-10001' or '1'='1"),
  enc('T-10001; drop table tenants'),
];

/** Appended to the path of an operation without parameters: none of them names a route. */
const PATH_SUFFIXES = ['%00', `/${enc('\u0000')}`, '/%0a', '%1b', `/${enc('../')}`, '/%ED%A0%80', '/%FF', `/${enc('\u202e')}`, '/2147483648', '/9223372036854775808', `/${enc('x'.repeat(5000))}`, '/%C2%85'];

/** Query values, URL-encoded; the judge keeps those that the parameter must refuse. */
const QUERY_VALUES: string[] = [
  ...CONTROLS.map((c) => enc(`a${c}`)),
  '%00',
  `T-10001${enc('\u0000')}`,
  '%ED%A0%80',
  '%FF',
  '%C0%80',
  '%',
  enc('\u202e2026-11'),
  enc('x'.repeat(201)),
  enc('x'.repeat(5000)),
  enc('x'.repeat(70_000)),
  ...NUMBERS_AS_TEXT,
  '',
  ...CALENDAR.map(enc),
  // Cursors as the tenant list makes them (base64url of JSON), with hostile insides.
  ...[
    '{"v":1,"s":"name","o":"asc","q":"x","d":"after","k":[1e308,"x"],"c":"x"}',
    '{"v":1,"s":"id","o":"asc","q":"x","d":"after","k":["T-1\' or 1=1--"],"c":"x","__proto__":{"a":1}}',
    '{"v":1,"s":"managedDomains","o":"asc","q":"x","d":"sideways","k":[-1,null],"c":"x"}',
    `{"v":1,"s":"name","o":"asc","q":"x","d":"after","k":["${'x'.repeat(1400)}","T-1"],"c":"x"}`,
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  ].map((json) => Buffer.from(json).toString('base64url')),
];

/** Undocumented query parameters with control characters (every operation). */
const EXTRA_QUERIES: [string, string | null][][] = [
  [['x', '%00']],
  [['%00', '1']],
  [['callback', enc('\u001b[31m')]],
  [['q%00', '1']],
  [['x', '%C2%85']],
  [['x', 'a%7Fb']],
  [['x', enc('\r\nSet-Cookie: a=b')]],
  [['%01', null]],
];

const IF_MATCH_VALUES = [
  '"v99999999999"',
  '"v-1"',
  '"v2147483648"',
  '"v9223372036854775808"',
  '"v18446744073709551616"',
  '"v1e3"',
  '"v0x10"',
  '"v01"',
  '"v1.0"',
  '"v"',
  '""',
  'v1',
  '"v1',
  'W/"v1"',
  '"V1"',
  '"v1\u0001"',
  '"v\u00851"',
  '**',
  '"*"',
];

const IDEMPOTENCY_KEYS = ['k'.repeat(256), 'k'.repeat(4096), 'k'.repeat(60_000), 'key\u0001', 'key\u001b[0m', 'key\u007f', 'key\u0085', 'ke\ty', 'key\u009f'];

const INVALID_JSON = ['', ' ', '{', '{"a":', "{'a':1}", 'NaN', 'undefined', '{"a":1}}', '[1,]', '{"a":1,}', '{"a":"\u0000"}', '\u0000{}', '{"a": 1 /* comment */}', 'null', '[]', '"text"', '0', 'true', '{"__proto__":'];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'json', 'application/json-seq', undefined];

/** Raw JSON that JSON.stringify cannot write (1e309, deep nesting, 100k elements). */
class Raw {
  constructor(readonly text: string) {}
}

type Candidate = { label: string; value: unknown } | { label: string; remove: true } | { label: string; addKey: string; value: unknown };

const HUGE_ARRAYS = [new Raw(`[${Array(100_000).fill('0').join(',')}]`), new Raw(`[${Array(100_000).fill('"SC-SERVICE"').join(',')}]`)];
const DEEP = [new Raw('['.repeat(20_000) + ']'.repeat(20_000)), new Raw('{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000))];
const WRONG_TYPES: unknown[] = [12345, -1, 0, 1.5, true, false, null, [], {}, ['x'], { a: 1 }, 'text'];
const NUMBERS: unknown[] = [2 ** 31, 2 ** 32, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -1, -(2 ** 31) - 1, -(2 ** 63), 0.5, 1.0000001, -0.01, 1e308, new Raw('1e309'), new Raw('-1e309'), new Raw(`1${'0'.repeat(400)}`), new Raw('-0'), 0, '5', '0x10', 'NaN', 'Infinity'];

function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  return [schema.type ?? []].flat();
}

function candidatesFor(schema: JsonSchema | undefined, current: unknown, optional: boolean, present: boolean): Candidate[] {
  const types = typesOf(schema);
  const list: Candidate[] = WRONG_TYPES.map((value) => ({ label: 'wrong type', value }));
  list.push(...DEEP.map((value) => ({ label: 'deep nesting', value })));
  if (types.includes('string')) {
    const base = typeof current === 'string' && current.length > 0 ? current : 'x';
    const max = schema?.maxLength ?? schema?.anyOf?.find((s) => s.maxLength !== undefined)?.maxLength ?? 300;
    list.push(
      ...CONTROLS.map((c) => ({ label: 'control character', value: `${base.slice(0, 1)}${c}${base.slice(1)}` })),
      { label: 'control character', value: `\u0000${base}` },
      { label: 'control character', value: `${base}\r\n` },
      { label: 'bidi override', value: `\u202e${base}` },
      { label: 'bidi override', value: `${base}\u2066x\u2069` },
      { label: 'lone surrogate', value: `\ud800${base}` },
      { label: 'lone surrogate', value: `${base}\udfff` },
      { label: 'too long', value: 'x'.repeat(max + 1) },
      { label: 'too long', value: 'x'.repeat(20_000) },
      { label: 'over 64 KiB', value: 'x'.repeat(70_000) },
      { label: 'empty', value: '' },
      ...CALENDAR.map((value) => ({ label: 'bad date', value })),
    );
  }
  if (types.includes('integer') || types.includes('number')) list.push(...NUMBERS.map((value) => ({ label: 'bad number', value })));
  if (types.includes('array')) {
    const item = Array.isArray(current) && current.length > 0 ? current[0] : 'x';
    list.push(
      ...HUGE_ARRAYS.map((value) => ({ label: '100k elements', value })),
      { label: 'too many elements', value: Array(51).fill(item) },
      { label: 'too many elements', value: Array(1000).fill(item) },
      { label: 'no element', value: [] },
      { label: 'wrong element', value: [null] },
      { label: 'wrong element', value: [[item]] },
      { label: 'control character', value: ['\u0000'] },
    );
  }
  if (types.includes('object')) {
    list.push(
      { label: '__proto__ key', addKey: '__proto__', value: { polluted: 'yes' } },
      { label: 'constructor key', addKey: 'constructor', value: { prototype: { polluted: 'yes' } } },
      { label: 'prototype key', addKey: 'prototype', value: { polluted: 'yes' } },
      { label: 'extra field', addKey: 'extra', value: 1 },
      { label: 'control character', addKey: 'na\u0000me', value: 'x' },
    );
  }
  if (present && !optional) list.push({ label: 'missing field', remove: true });
  return list;
}

// ---------------------------------------------------------------------------------------------
// Bodies derived from the documented schema.

interface Fixture {
  user: User;
  org: string | null;
  tenantId: string;
  partnerId: string;
  domainId: string;
  domainName: string;
  /** An active service of the domain (cancel's `number`). */
  serviceNumber: number;
  /** Every service number of the domain: any other number names nothing. */
  numbers: Set<number>;
  /** The ETags in force, which If-Match may name. */
  etags: Set<string>;
}

function exampleString(op: Operation, name: string, schema: JsonSchema, f: Fixture): string {
  if (schema.enum) return schema.enum[0] as string;
  const domainish = op.path.includes('/domains') && !op.path.includes('/domains/');
  const examples: Record<string, string> = {
    name: domainish ? 'hostile-input.ch' : 'Hostile Input AG',
    email: 'it@hostile-input.ch',
    phone: '+41 44 555 00 00',
    country: 'CH',
    invoiceReference: 'PO-4711',
    partnerId: f.partnerId,
    ms365TenantId: 'hostile-input.onmicrosoft.com',
    ginaHost: 'gina.hostile-input.ch',
    domain: op.path.includes('/offers') ? 'hostile-offer.ch' : f.domainName,
    reason: 'nfr',
    endBilling: '2026-12-31',
    month: '2026-11',
    user: 'sepp-admin',
  };
  return examples[name] ?? 'x';
}

function example(op: Operation, name: string, schema: JsonSchema, f: Fixture, rng: ReturnType<typeof random>): unknown {
  if (schema.anyOf) return example(op, name, schema.anyOf.find((s) => s.type !== 'null')!, f, rng);
  switch (schema.type) {
    case 'string':
      return exampleString(op, name, schema, f);
    case 'integer':
    case 'number':
      return Math.min(Math.max(5, schema.minimum ?? 5), schema.maximum ?? 5);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => example(op, name, schema.items!, f, rng));
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [property, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(property) || rng.next() < 0.5) object[property] = example(op, property, sub, f, rng);
      }
      return object;
    }
    default:
      return null;
  }
}

interface Slot {
  path: (string | number)[];
  schema: JsonSchema | undefined;
  optional: boolean;
  present: boolean;
}

function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
  return schema?.anyOf?.find((s) => s.type !== 'null') ?? schema;
}

function slotsOf(schema: JsonSchema | undefined, value: unknown, path: (string | number)[] = [], optional = false): Slot[] {
  const slots: Slot[] = [{ path, schema, optional, present: true }];
  const resolved = resolve(schema);
  if (resolved?.type === 'object' && isObject(value)) {
    for (const [name, sub] of Object.entries(resolved.properties ?? {})) {
      const isOptional = !(resolved.required ?? []).includes(name);
      if (Object.hasOwn(value, name)) slots.push(...slotsOf(sub, value[name], [...path, name], isOptional));
      else slots.push({ path: [...path, name], schema: sub, optional: isOptional, present: false });
    }
  }
  if (resolved?.type === 'array' && Array.isArray(value)) value.forEach((item, i) => slots.push(...slotsOf(resolved.items, item, [...path, i], false)));
  return slots;
}

/** Applies a candidate (a copy of its value) at a slot; false when the slot no longer exists in the body. */
function apply(body: { value: unknown }, slot: Slot, shared: Candidate): boolean {
  const candidate = 'value' in shared ? { ...shared, value: copy(shared.value) } : shared;
  if (slot.path.length === 0) {
    if ('addKey' in candidate) {
      if (!isObject(body.value)) return false;
      Object.defineProperty(body.value, candidate.addKey, { value: candidate.value, enumerable: true, writable: true, configurable: true });
      return true;
    }
    if ('remove' in candidate) return false;
    body.value = candidate.value;
    return true;
  }
  let parent: unknown = body.value;
  for (const step of slot.path.slice(0, -1)) {
    if (!isObject(parent) && !Array.isArray(parent)) return false;
    parent = (parent as Record<string | number, unknown>)[step];
  }
  const last = slot.path.at(-1)!;
  if (!isObject(parent) && !Array.isArray(parent)) return false;
  const container = parent as Record<string | number, unknown>;
  if ('remove' in candidate) {
    if (!Object.hasOwn(container, last)) return false;
    delete container[last];
    return true;
  }
  if ('addKey' in candidate) {
    const target = container[last];
    if (!isObject(target)) return false;
    Object.defineProperty(target, candidate.addKey, { value: candidate.value, enumerable: true, writable: true, configurable: true });
    return true;
  }
  Object.defineProperty(container, last, { value: candidate.value, enumerable: true, writable: true, configurable: true });
  return true;
}

/** JSON text with the Raw parts written as they are. */
function serialise(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_, v) => (v instanceof Raw ? `\ue000RAW${raws.push(v.text) - 1}\ue000` : v));
  return (text ?? '').replace(/"\ue000RAW(\d+)\ue000"/g, (_, i) => raws[Number(i)]!);
}

/** A copy of a body with its Raw parts kept (JSON does not keep them). */
function copy(value: unknown): unknown {
  if (value instanceof Raw) return value;
  if (Array.isArray(value)) return value.map(copy);
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(result, key, { value: copy(item), enumerable: true, writable: true, configurable: true });
    return result;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The test.

let ctx: TestContext;
let operations: Operation[];
let world: World;
const fixtures = new Map<User, Fixture>();
let digestBefore: Record<string, string>;
let sent = 0;
let generated = 0;

async function digest(): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(ctx.db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (UNDIGESTED.has(name)) continue;
    const row = await sql<{ digest: string }>`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from ${sql.table(name)} t`.execute(ctx.db);
    result[name] = row.rows[0]!.digest;
  }
  return result;
}

async function fixtureFor(user: User): Promise<Fixture> {
  const org = (await ctx.db.selectFrom('demo_users').select('org').where('id', '=', user).executeTakeFirstOrThrow()).org;
  const row = await ctx.db
    .selectFrom('booked_services as b')
    .innerJoin('managed_domains as d', 'd.id', 'b.domain_id')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['t.id as tenantId', 't.partner_id as partnerId', 'd.id as domainId', 'd.name as domainName', 'b.number'])
    .where('b.status', 'in', ['ordered', 'confirmed', 'provisioning', 'provisioned'])
    .where('d.deprovisioned_at', 'is', null)
    .$if(org !== null, (qb) => qb.where('t.partner_id', '=', org!))
    .orderBy('t.id')
    .orderBy('d.id')
    .orderBy('b.number')
    .executeTakeFirstOrThrow();
  const numbers = (await ctx.db.selectFrom('booked_services').select('number').where('domain_id', '=', row.domainId).execute()).map((s) => s.number);
  const etags = new Set<string>();
  for (const path of [`/api/tenants/${row.tenantId}`, `/api/domains/${row.domainId}/deployment-settings`]) {
    const response = await ctx.as(user, 'GET', path);
    const etag = response.headers.get('ETag');
    if (etag) etags.add(etag);
    await response.body?.cancel();
  }
  return { user, org, tenantId: row.tenantId, partnerId: row.partnerId, domainId: row.domainId, domainName: row.domainName, serviceNumber: row.number, numbers: new Set(numbers), etags };
}

/** A request that is valid but for what a case then makes hostile. */
function baseCase(op: Operation, f: Fixture, cause: string, rng: ReturnType<typeof random>): Case {
  const pathParams: Record<string, string> = {};
  for (const p of op.params.filter((p) => p.in === 'path')) {
    pathParams[p.name] = { tenantId: f.tenantId, domainId: f.domainId, number: String(f.serviceNumber), jobId: '00000000-0000-4000-8000-000000000000', offerId: '00000000-0000-4000-8000-000000000001' }[p.name] ?? 'x';
  }
  const headers = new Headers();
  if (op.ifMatch) headers.set('If-Match', '*');
  let body: string | undefined;
  if (op.body) {
    const value = example(op, '', op.body, f, rng);
    if (breaks(op.body, value)) throw new Error(`the example body of ${op.key} breaks its own schema: ${JSON.stringify(value)}`);
    body = serialise(value);
    headers.set('Content-Type', 'application/json');
  }
  return { user: f.user, op, cause, pathParams, query: [], headers, body };
}

function urlOf(c: Case): string {
  let path = c.op.path.replace(/\{(\w+)\}/g, (_, name: string) => c.pathParams[name]!);
  if (c.pathSuffix !== undefined) path += c.pathSuffix;
  const query = c.query.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&');
  return query ? `${path}?${query}` : path;
}

function headersWith(base: Headers, name: string, value: string | undefined): Headers | undefined {
  const headers = new Headers(base);
  try {
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
  } catch {
    return undefined; // not sendable at all (fetch refuses NUL, CR and LF in header values)
  }
  return headers;
}

function generate(): Case[] {
  const rng = random(SEED);
  const cases: Case[] = [];
  const keys = new Set<string>();
  let dropped = 0;
  const add = (c: Case | undefined) => {
    if (!c) return;
    generated++;
    const fixture = fixtures.get(c.user)!;
    if (refusal(c, world, fixture) === undefined) {
      dropped++;
      return;
    }
    const key = createHash('sha1').update(JSON.stringify([c.user, c.op.method, urlOf(c), [...c.headers], c.body ?? null])).digest('hex');
    if (keys.has(key)) return;
    keys.add(key);
    cases.push(c);
  };

  for (const user of USERS) {
    const f = fixtures.get(user)!;
    for (const op of operations) {
      // Path parameters, one at a time; a parameterless path gets a suffix instead.
      const pathParams = op.params.filter((p) => p.in === 'path');
      for (const p of pathParams) {
        for (const value of PATH_VALUES) {
          const c = baseCase(op, f, `path ${p.name}`, rng);
          c.pathParams[p.name] = value;
          add(c);
        }
      }
      if (pathParams.length === 0) {
        for (const suffix of PATH_SUFFIXES) add({ ...baseCase(op, f, 'path suffix', rng), pathSuffix: suffix });
      }

      // Query parameters, one at a time, and given twice; undocumented ones with control characters.
      for (const p of op.params.filter((p) => p.in === 'query')) {
        for (const value of QUERY_VALUES) add({ ...baseCase(op, f, `query ${p.name}`, rng), query: [[p.name, value]] });
        add({ ...baseCase(op, f, `query ${p.name} twice`, rng), query: [[p.name, '1'], [p.name, '2']] });
      }
      for (const query of EXTRA_QUERIES) add({ ...baseCase(op, f, 'query: undocumented with control characters', rng), query });

      // Headers.
      if (op.ifMatch) {
        for (const value of [...IF_MATCH_VALUES, undefined]) {
          const c = baseCase(op, f, value === undefined ? 'If-Match missing' : 'If-Match', rng);
          const headers = headersWith(c.headers, 'If-Match', value);
          if (headers) add({ ...c, headers });
        }
      }
      if (op.idempotencyKey) {
        for (const value of IDEMPOTENCY_KEYS) {
          const c = baseCase(op, f, 'Idempotency-Key', rng);
          const headers = headersWith(c.headers, 'Idempotency-Key', value);
          if (headers) add({ ...c, headers });
        }
      }

      if (!op.body) continue;
      // Whole bodies: not JSON, or not declared as JSON.
      for (const text of INVALID_JSON) add({ ...baseCase(op, f, 'body: invalid JSON', rng), body: text });
      for (const type of WRONG_CONTENT_TYPES) {
        const c = baseCase(op, f, 'body: wrong Content-Type', rng);
        const headers = headersWith(c.headers, 'Content-Type', type)!;
        add({ ...c, headers, body: type?.startsWith('application/x-www-form') ? 'name=x&email=y' : c.body });
      }
      // Bodies derived from the schema with one or several fields made hostile.
      for (let made = 0, attempts = 0; made < BODY_MUTATIONS && attempts < BODY_MUTATIONS * 4; attempts++) {
        const c = baseCase(op, f, '', rng);
        const body = { value: copy(JSON.parse(c.body!)) };
        const labels: string[] = [];
        const count = rng.next() < 0.7 ? 1 : rng.next() < 0.67 ? 2 : 3;
        for (let i = 0; i < count; i++) mutate(body, op, labels, rng);
        c.body = serialise(body.value);
        // A hostile value that a schema may take (a bidi override in a name): add one it may not.
        for (let extra = 0; extra < 3 && refusal(c, world, f) === undefined; extra++) {
          mutate(body, op, labels, rng, true);
          c.body = serialise(body.value);
        }
        c.cause = `body: ${[...new Set(labels)].sort().join(' + ')}`;
        const before = cases.length;
        add(c);
        if (cases.length > before) made++;
      }
    }
  }
  console.log(`hostile-input: ${cases.length} requests (${generated} generated, ${dropped} dropped as possibly valid, the rest duplicates)`);
  return cases;
}

function mutate(body: { value: unknown }, op: Operation, labels: string[], rng: ReturnType<typeof random>, certain = false): void {
  const slots = slotsOf(op.body, body.value);
  for (let attempt = 0; attempt < 10; attempt++) {
    const slot = rng.pick(slots);
    let candidates = candidatesFor(slot.schema, valueAt(body.value, slot.path), slot.optional, slot.present);
    if (certain) candidates = candidates.filter((c) => c.label === 'control character' || c.label === 'wrong type' || c.label === 'extra field');
    if (candidates.length === 0) continue;
    const candidate = rng.pick(candidates);
    if (apply(body, slot, candidate)) {
      labels.push(candidate.label);
      return;
    }
  }
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) current = isObject(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[step] : undefined;
  return current;
}

// ---------------------------------------------------------------------------------------------
// Sending and reporting.

interface Outcome {
  c: Case;
  url: string;
  status: number;
  problem?: { type?: unknown; status?: unknown; detail?: unknown; errors?: unknown };
  contentType: string;
}

const shown = (text: string, max = 90) => {
  const escaped = text.replace(/[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…(${text.length})` : escaped;
};

async function send(c: Case): Promise<Outcome> {
  const url = urlOf(c);
  const headers = new Headers(c.headers);
  headers.set('Authorization', `Bearer ${await ctx.tokenFor(c.user)}`);
  const response = await ctx.app.request(url, { method: c.op.method, headers, body: c.body });
  sent++;
  const contentType = response.headers.get('Content-Type') ?? '';
  let problem: Outcome['problem'];
  if (contentType.startsWith('application/problem+json')) problem = await response.json();
  else await response.body?.cancel();
  return { c, url, status: response.status, problem, contentType };
}

function report(title: string, outcomes: Outcome[]): string[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = `${o.c.op.key} | ${o.c.cause} | ${o.status}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const lines = [...groups].map(([key, list]) => {
    const o = list[0]!;
    const errors = Array.isArray(o.problem?.errors) ? ` ${shown(JSON.stringify(o.problem.errors), 120)}` : '';
    return `${String(list.length).padStart(4)} × ${key}  e.g. [${o.c.user}] ${o.c.op.method} ${shown(o.url)} body=${shown(o.c.body ?? '', 60)} → ${shown(String(o.problem?.detail ?? o.contentType), 80)}${errors}`;
  });
  if (lines.length > 0) console.log(`hostile-input: ${title} (${outcomes.length}):\n${lines.join('\n')}`);
  return lines;
}

async function run(cases: Case[]) {
  const outcomes: Outcome[] = [];
  for (const c of cases) outcomes.push(await send(c));
  const serverErrors = outcomes.filter((o) => o.status >= 500);
  const accepted = outcomes.filter((o) => o.status < 400);
  const notProblems = outcomes.filter(
    (o) => o.status >= 400 && o.status < 500 && !(o.contentType.startsWith('application/problem+json') && typeof o.problem?.type === 'string' && o.problem.status === o.status),
  );
  // The database's refusal (bff/http/database-errors.ts) is a last line: the edge names the field.
  const refusedByDatabase = outcomes.filter((o) => o.status === 400 && Array.isArray(o.problem?.errors) && o.problem.errors.some((e: { path?: unknown }) => e.path === '(request)'));
  const byStatus: Record<number, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  console.log(`hostile-input: ${outcomes.length} sent, by status ${JSON.stringify(byStatus)}`);
  return {
    serverErrors: report('answers ≥ 500', serverErrors),
    accepted: report('accepted although malformed', accepted),
    notProblems: report('4xx that are not problem+json with type and status', notProblems),
    refusedByDatabase: report('400 from the database rather than the edge', refusedByDatabase),
    count: { serverErrors: serverErrors.length, accepted: accepted.length, notProblems: notProblems.length, refusedByDatabase: refusedByDatabase.length },
  };
}

let cases: Case[];
const category = (prefix: RegExp) => cases.filter((c) => prefix.test(c.cause));

beforeAll(async () => {
  ctx = await createTestContext();
  const document = (await (await ctx.app.request('/api/openapi.json')).json()) as OpenApi;
  operations = operationsOf(document);
  const ids = async (table: 'tenants' | 'managed_domains' | 'jobs' | 'offers') => new Set((await ctx.db.selectFrom(table).select('id').execute()).map((r) => String(r.id)));
  const tenants = await ids('tenants');
  world = { ids: { tenantId: tenants, tenant: tenants, domainId: await ids('managed_domains'), jobId: await ids('jobs'), offerId: await ids('offers') } };
  for (const user of USERS) fixtures.set(user, await fixtureFor(user));
  const started = performance.now();
  cases = generate();
  console.log(`hostile-input: generated in ${Math.round(performance.now() - started)} ms`);
  digestBefore = await digest();
});
afterAll(() => ctx?.close());

describe('hostile input: every malformed request is a 4xx problem, and changes nothing', () => {
  it.each([
    ['path parameters', /^path/],
    ['query parameters', /^query/],
    ['If-Match and Idempotency-Key', /^(If-Match|Idempotency-Key)/],
    ['JSON bodies', /^body/],
  ])('%s', async (_, prefix) => {
    const selected = category(prefix);
    expect(selected.length).toBeGreaterThan(0);
    const result = await run(selected);
    const summary = [...result.serverErrors, ...result.accepted, ...result.notProblems, ...result.refusedByDatabase].slice(0, 30).join('\n');
    expect(result.count, summary).toEqual({ serverErrors: 0, accepted: 0, notProblems: 0, refusedByDatabase: 0 });
  }, 120_000);

  it('sent at least 5,000 requests for every documented operation, and no row changed', async () => {
    expect(sent).toBeGreaterThanOrEqual(5_000);
    expect(new Set(cases.map((c) => c.op.key))).toEqual(new Set(operations.map((o) => o.key)));
    const after = await digest();
    const changed = Object.keys(after).filter((table) => after[table] !== digestBefore[table]);
    expect(changed).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
