import { describe, expect, it } from 'vitest';
import openapi from '../../../../openapi.json';
import { formatMessage } from './core/i18n/format-message';
import { EN } from './core/i18n/messages.en';
import { JA } from './core/i18n/messages.ja';
import * as account from './features/account/data/form-errors';
import * as admins from './features/admins/data/form-errors';
import * as aliasDomains from './features/alias-domains/data/form-errors';
import * as aliases from './features/aliases/data/form-errors';
import * as apiTokens from './features/api-tokens/data/form-errors';
import * as dns from './features/dns/data/form-errors';
import * as domains from './features/domains/data/form-errors';
import * as mailboxes from './features/mailboxes/data/form-errors';
import * as spam from './features/spam/data/form-errors';
import { fieldMessage, type FormErrors } from './shared/forms/form-errors';

/**
 * Every form's FormErrors (each feature's data/form-errors.ts; forForm requires one), checked
 * against openapi.json: each code the API documents for each field the form sends
 * (`x-field-error-codes`) must have a message in English and Japanese, with its numbers
 * those the API documents. A new validator or service rule fails here until it is worded.
 */
const FORMS: Readonly<Record<string, FormErrors>> = {
  ...account,
  ...admins,
  ...aliasDomains,
  ...aliases,
  ...apiTokens,
  ...dns,
  ...domains,
  ...mailboxes,
  ...spam,
};

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  'x-field-error-codes'?: string[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
}

const schemas = openapi.components.schemas as unknown as Record<string, Schema>;

function resolve(schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
  return ref === undefined ? schema : schemas[ref.slice(ref.lastIndexOf('/') + 1)];
}

/** The documented property at a dotted path (`match.sender`), through `$ref`s. */
function property(schemaName: string, path: string): Schema | undefined {
  let current = schemas[schemaName];
  const segments = path.split('.');
  segments.forEach((segment, index) => {
    const next = current?.properties?.[segment];
    // The last segment is the property itself, with its own codes; a parent is its schema.
    current = index === segments.length - 1 ? next : resolve(next);
  });
  return current;
}

function lookup(table: object, key: string): string | undefined {
  let node: unknown = table;
  for (const part of key.split('.')) {
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1] ?? '');
}

const LANGUAGES = [
  ['en', EN, 'en-US'],
  ['ja', JA, 'ja-JP'],
] as const;

/** Which documented bound each parameterised code's placeholder states. */
const BOUNDS: Readonly<Record<string, readonly [param: string, keyword: keyof Schema][]>> = {
  maxLength: [['max', 'maxLength']],
  minLength: [['min', 'minLength']],
  arrayMaxSize: [['max', 'maxItems']],
  arrayMinSize: [['min', 'minItems']],
  max: [
    ['max', 'maximum'],
    ['min', 'minimum'],
  ],
  min: [
    ['max', 'maximum'],
    ['min', 'minimum'],
  ],
};

const cases = Object.entries(FORMS).flatMap(([form, errors]) =>
  errors.sends.map((field) => ({ form, errors, field })),
);

describe('form error messages', () => {
  it('covers every form', () => {
    expect(Object.keys(FORMS).length).toBeGreaterThanOrEqual(19);
  });

  it.each(cases)('$form: $field is a documented field with error codes', ({ errors, field }) => {
    const codes = property(errors.schema, field)?.['x-field-error-codes'];
    expect(codes?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(cases)(
    '$form: every code of $field has a message in English and Japanese',
    ({ errors, field }) => {
      for (const code of property(errors.schema, field)?.['x-field-error-codes'] ?? []) {
        const message = fieldMessage(errors, field, code);
        for (const [language, table, locale] of LANGUAGES) {
          const template = lookup(table, message.key);
          const where = `${language} ${field} ${code} → ${message.key}`;
          expect(template, where).toBeDefined();
          for (const name of placeholders(template ?? '')) {
            expect(message.params?.[name], `${where} {${name}}`).toBeDefined();
          }
          const text = formatMessage(template ?? '', { ...message.params }, locale);
          // The user never reads the API's field names (`maxMailboxes`, `defaultQuotaBytes`).
          const apiName = field.slice(field.lastIndexOf('.') + 1);
          if (/[A-Z]/.test(apiName)) expect(text, where).not.toContain(apiName);
          expect(text, where).not.toMatch(/bytes|バイト/i);
        }
      }
    },
  );

  it.each(cases)('$form: the numbers in $field’s messages are the API’s', ({ errors, field }) => {
    const documented = property(errors.schema, field);
    for (const code of documented?.['x-field-error-codes'] ?? []) {
      const params = fieldMessage(errors, field, code).params;
      if (params === undefined) continue;
      for (const [param, keyword] of BOUNDS[code] ?? []) {
        if (params[param] !== undefined) {
          expect(params[param], `${field} ${code} {${param}}`).toBe(documented?.[keyword]);
        }
      }
    }
  });
});
