import {
  badCursor,
  badPathSegment,
  badQueryValue,
  CONTENT_TYPES,
  deepJson,
  EXTREME_NUMBER_TEXTS,
  hostileString,
  hugeString,
  MALFORMED_BODIES,
  wrongValue,
} from './fuzz-values.js';
import {
  bodySchemaOf,
  resolveSchema,
  type DocumentOperation,
  type OpenApiDocument,
  type Schema,
} from './openapi-samples.js';
import type { Prng } from './prng.js';

/** One generated request, as sent: what it tries (`kind`), and exactly what goes on the wire. */
export interface FuzzRequest {
  kind: string;
  method: string;
  /** Path and query, already encoded. */
  url: string;
  body?: string | Uint8Array;
  headers: Record<string, string>;
}

/** A request that the API should accept, which each case then breaks in one way. */
export interface Baseline {
  pathParams: Record<string, string>;
  body: unknown;
}

type Generator = (rng: Prng) => FuzzRequest;

const JSON_TYPE = 'application/json';

function parametersOf(operation: DocumentOperation, where: 'path' | 'query'): Schema[] {
  return ((operation.operation.parameters ?? []) as Schema[]).filter(
    (parameter) => parameter.in === where,
  );
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the
 * three bytes a careless encoder writes for it, e.g. %ED%A0%80: not UTF-8 at all.
 */
export function encodeAny(value: string): string {
  return value.replace(/[\ud800-\udfff]+|[^\ud800-\udfff]+/g, (part) => {
    try {
      return encodeURIComponent(part);
    } catch {
      return [...part]
        .map((unit) => {
          const code = unit.charCodeAt(0);
          return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('');
        })
        .join('');
    }
  });
}

function buildUrl(
  path: string,
  params: Record<string, string>,
  raw: Record<string, true> = {},
  query = '',
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name] ?? '';
    return raw[name] === true ? value : encodeAny(value);
  });
  return query === '' ? filled : `${filled}?${query}`;
}

function json(body: unknown): Pick<FuzzRequest, 'body' | 'headers'> {
  return { body: JSON.stringify(body), headers: { 'content-type': JSON_TYPE } };
}

/**
 * Every kind of request this operation can be sent, each a generator; the runner draws
 * from them in turn, so each kind gets its share of the per-operation count.
 */
export function generatorsFor(
  document: OpenApiDocument,
  operation: DocumentOperation,
  baseline: Baseline,
): Record<string, Generator> {
  const method = operation.method.toUpperCase();
  const url = (params = baseline.pathParams, raw?: Record<string, true>, query?: string) =>
    buildUrl(operation.path, params, raw, query);
  const request = (kind: string, parts: Partial<FuzzRequest>): FuzzRequest => ({
    kind,
    method,
    url: url(),
    headers: {},
    ...parts,
  });
  const withBaselineBody = (): Pick<FuzzRequest, 'body' | 'headers'> =>
    baseline.body === undefined ? { headers: {} } : json(baseline.body);

  const generators: Record<string, Generator> = {};
  if (method === 'GET') {
    generators.headers = (rng) => request('headers', { headers: rng.pick(oddHeaders(rng)) });
  } else {
    Object.assign(generators, {
      'deep JSON': (rng) => {
        const deep = deepJson(rng);
        const body =
          rng.chance(0.5) || !isObject(baseline.body)
            ? deep
            : JSON.stringify({ ...baseline.body, nested: 0 }).replace('0}', `${deep}}`);
        return request('deep JSON', { body, headers: { 'content-type': JSON_TYPE } });
      },
      'malformed body': (rng) => {
        const body = rng.pick([
          ...MALFORMED_BODIES,
          ...EXTREME_NUMBER_TEXTS,
          `{"a":${rng.pick(EXTREME_NUMBER_TEXTS)}}`,
        ]);
        return rng.chance(0.15)
          ? request('malformed body', {
              body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
              headers: { 'content-type': JSON_TYPE },
            })
          : request('malformed body', { body, headers: { 'content-type': JSON_TYPE } });
      },
      'content type': (rng) =>
        request('content type', {
          body: baseline.body === undefined ? 'a=1' : JSON.stringify(baseline.body),
          headers: { 'content-type': rng.pick(CONTENT_TYPES) },
        }),
      headers: (rng: Prng) =>
        request('headers', {
          ...withBaselineBody(),
          headers: { ...withBaselineBody().headers, ...rng.pick(oddHeaders(rng)) },
        }),
    } satisfies Record<string, Generator>);
  }

  const schema = bodySchemaOf(operation.operation);
  if (schema !== undefined && isObject(baseline.body)) {
    const base = baseline.body;
    const resolved = resolveSchema(document, schema);
    const properties = Object.entries((resolved.properties ?? {}) as Record<string, Schema>).map(
      ([name, property]) => ({ name, schema: resolveSchema(document, property) }),
    );
    const property = (rng: Prng) =>
      rng.pick(properties.length > 0 ? properties : [{ name: 'x', schema: {} }]);
    Object.assign(generators, {
      'wrong type': (rng: Prng) => {
        const target = property(rng);
        return request(
          'wrong type',
          json({ ...base, [target.name]: wrongValue(rng, target.schema.type) }),
        );
      },
      'null and missing fields': (rng: Prng) => {
        const target = property(rng);
        const body = rng.chance(0.5)
          ? { ...base, [target.name]: null }
          : Object.fromEntries(Object.entries(base).filter(([name]) => name !== target.name));
        return request('null and missing fields', json(rng.chance(0.1) ? null : body));
      },
      'extra fields': (rng: Prng) => {
        const extra = rng.pick([
          '__proto__',
          'constructor',
          'prototype',
          'id',
          'role',
          'isAdmin',
          'password_hash',
          hostileString(rng),
        ]);
        const text = JSON.stringify(base).replace(
          /^\{/,
          `{${JSON.stringify(extra)}:${JSON.stringify(wrongValue(rng, undefined))},`,
        );
        return request('extra fields', {
          body: text.replace(',}', '}'),
          headers: { 'content-type': JSON_TYPE },
        });
      },
      'hostile strings': (rng: Prng) => {
        const body = Object.fromEntries(
          Object.entries(base).map(([name, value]) => [
            name,
            typeof value === 'string' || rng.chance(0.3)
              ? hostileString(rng)
              : Array.isArray(value)
                ? value.map(() => hostileString(rng))
                : value,
          ]),
        );
        return request('hostile strings', json(body));
      },
      'huge values': (rng: Prng) => {
        const target = property(rng);
        const value = rng.chance(0.7)
          ? hugeString(rng)
          : Array.from({ length: rng.pick([1_000, 20_000]) }, (_v, i) => `${i}@x.example`);
        return request('huge values', json({ ...base, [target.name]: value }));
      },
      'extreme numbers': (rng: Prng) => {
        const target = property(rng);
        const text = JSON.stringify({ ...base, [target.name]: 0 }).replace(
          `"${target.name}":0`,
          `"${target.name}":${rng.pick(EXTREME_NUMBER_TEXTS)}`,
        );
        return request('extreme numbers', { body: text, headers: { 'content-type': JSON_TYPE } });
      },
      'wrong top level': (rng: Prng) =>
        request(
          'wrong top level',
          json(rng.pick<unknown>([null, [], [base], 'text', 42, true, [[base]]])),
        ),
    });
  }

  const pathParams = parametersOf(operation, 'path');
  if (pathParams.length > 0) {
    generators['bad path'] = (rng) => {
      const target = rng.pick(pathParams).name as string;
      const { raw, value } = badPathSegment(rng);
      return {
        ...request('bad path', withBaselineBody()),
        url: url({ ...baseline.pathParams, [target]: value }, raw ? { [target]: true } : {}),
      };
    };
  }

  const queryParams = parametersOf(operation, 'query');
  if (queryParams.length > 0) {
    generators['bad query'] = (rng) => {
      const target = rng.pick(queryParams);
      const name = target.name as string;
      const value = badQueryValue(rng, (target.schema ?? {}) as Schema);
      const query = rng.pick([
        `${name}=${encodeAny(value)}`,
        `${name}=1&${name}=2`,
        `${name}[a]=1`,
        `${name}=${value.replace(/[&#\s]/g, '')}`,
        `${encodeAny(hostileString(rng))}=1&${name}=${encodeAny(value)}`,
        `__proto__[x]=1&${name}=%`,
      ]);
      return { ...request('bad query', {}), url: url(baseline.pathParams, {}, query) };
    };
    const sortParam = queryParams.find((parameter) => parameter.name === 'sort');
    if (queryParams.some((parameter) => parameter.name === 'cursor')) {
      const sorts = ((sortParam?.schema as Schema | undefined)?.enum as string[] | undefined) ?? [
        '',
      ];
      generators['bad cursor'] = (rng) => {
        const sort = rng.pick(sorts);
        const query = new URLSearchParams({ cursor: badCursor(rng, sort) });
        if (sort !== '' && rng.chance(0.7)) query.set('sort', sort);
        return {
          ...request('bad cursor', {}),
          url: url(baseline.pathParams, {}, query.toString()),
        };
      };
    }
  }
  return generators;
}

function oddHeaders(rng: Prng): Record<string, string>[] {
  return [
    { 'if-match': rng.pick(['*', '"', 'W/"x"', '"1", "2"', '"9223372036854775808"']) },
    { 'idempotency-key': rng.pick(['', ' ', 'k'.repeat(5_000), 'key']) },
    { accept: 'text/html' },
    { 'x-request-id': '../../x' },
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The baseline request itself, for the concurrent duplicates. */
export function baselineRequest(operation: DocumentOperation, baseline: Baseline): FuzzRequest {
  return {
    kind: 'concurrent duplicate',
    method: operation.method.toUpperCase(),
    url: buildUrl(operation.path, baseline.pathParams),
    ...(baseline.body === undefined ? { headers: {} } : json(baseline.body)),
  };
}
