import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, buildMessage, type ValidationOptions } from 'class-validator';
import { DOMAIN_NAME_PROBLEM_CODES, describeDomainProblem } from '#contracts';
import { isLocalPart, normaliseLocalPart, parseAddress } from './address.js';
import { isDkimSelector, toAsciiDnsName } from './dns-name.js';
import { checkDomainName, isAsciiFqdn, toAsciiDomain } from './domain-name.js';
import { checkHostedLocalPart, describeHostedLocalPartProblem } from './local-part.js';
import { isQuotaBytes } from './quota.js';

/** Why a value fails a check, when one check has several reasons: a stable code and a message. */
export type ItemExplanation = (item: unknown) => { code: string; message: string } | undefined;

/**
 * The item checks of our own validators. class-validator reports a failing `each`
 * check on the whole list; with these the error can name the item (`destinations.1`),
 * and `explain` can replace the check's code and message by the precise reason.
 */
export const ITEM_CHECKS = new Map<
  string,
  {
    check: (item: unknown) => boolean;
    explain?: ItemExplanation;
    /** Every code `explain` may answer, for the API documentation (x-field-error-codes). */
    reasons?: readonly string[];
  }
>();

function itemValidator(
  name: string,
  check: (item: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
  explain?: ItemExplanation,
  reasons?: readonly string[],
): PropertyDecorator {
  ITEM_CHECKS.set(name, { check, explain, reasons });
  return ValidateBy(
    {
      name,
      validator: {
        validate: check,
        defaultMessage: buildMessage((each) => `${each}$property ${message}`, options),
      },
    },
    options,
  );
}

/** Trims strings at the edge; other values pass through for the validators to refuse. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Lowercase punycode, of one name or of each in a list; invalid input is kept for the validator. */
export const NormaliseDomain = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    const one = (item: unknown): unknown =>
      typeof item === 'string' ? (toAsciiDomain(item) ?? item) : item;
    return Array.isArray(value) ? value.map(one) : one(value);
  });

export const NormaliseLocalPart = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseLocalPart(value) : value,
  );

export const NormaliseAddress = (options: { each?: boolean } = {}): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    const one = (item: unknown): unknown =>
      typeof item === 'string' ? (parseAddress(item)?.address ?? item) : item;
    return options.each === true && Array.isArray(value) ? value.map(one) : one(value);
  });

export const IsDomainName = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isDomainName',
    (value) => typeof value === 'string' && isAsciiFqdn(value),
    'must be a fully qualified domain name such as example.com',
    options,
    explainDomainName,
    DOMAIN_NAME_PROBLEM_CODES,
  );

/** The IDNA2008 or DNS rule a domain name breaks (see `DOMAIN_NAME_PROBLEM_CODES`). */
function explainDomainName(value: unknown): { code: string; message: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const check = checkDomainName(value);
  return check.ok
    ? undefined
    : { code: check.problem.code, message: describeDomainProblem(check.problem) };
}

/** An address whose local part is fine but whose domain is not says why the domain is not. */
function explainAddress(value: unknown): { code: string; message: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const at = value.lastIndexOf('@');
  if (at <= 0 || !isLocalPart(normaliseLocalPart(value.slice(0, at)))) return undefined;
  const domain = explainDomainName(value.slice(at + 1));
  // Without a precise reason, "must be a mail address" says it best.
  return domain === undefined || domain.code === 'isDomainName'
    ? undefined
    : { code: domain.code, message: `has a domain that ${domain.message}` };
}

/** The local part of an address Yubin hosts: a mailbox's or an alias's (ADR 0010). */
export const IsLocalPart = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isLocalPart',
    (value) => typeof value === 'string' && checkHostedLocalPart(value).ok,
    describeHostedLocalPartProblem({ ok: false, code: 'isLocalPart' }),
    options,
    explainLocalPart,
    ['unsupportedLocalPartCharacter'],
  );

/** The character outside the hosted alphabet, named (`unsupportedLocalPartCharacter`). */
function explainLocalPart(value: unknown): { code: string; message: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const check = checkHostedLocalPart(value);
  return check.ok || check.code === 'isLocalPart'
    ? undefined
    : { code: check.code, message: describeHostedLocalPartProblem(check) };
}

/** A DNS name that may start with `_service` labels (SPF includes), normalised to ASCII; each of a list. */
export const NormaliseDnsName = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    const one = (item: unknown): unknown =>
      typeof item === 'string' ? (toAsciiDnsName(item) ?? item) : item;
    return Array.isArray(value) ? value.map(one) : one(value);
  });

export const IsDnsName = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isDnsName',
    (value) => typeof value === 'string' && toAsciiDnsName(value) === value,
    'must be a DNS name such as _spf.example.com',
    options,
  );

/** One lowercase DNS label, the form of a DKIM selector (`<selector>._domainkey.<domain>`). */
export const IsDkimSelector = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isDkimSelector',
    (value) => typeof value === 'string' && isDkimSelector(value),
    'must be one DNS label: a to z, 0 to 9 and inner hyphens, at most 63 characters',
    options,
  );

export const IsMailAddress = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isMailAddress',
    (value) => typeof value === 'string' && parseAddress(value)?.address === value,
    'must be a mail address such as name@example.com',
    options,
    explainAddress,
    DOMAIN_NAME_PROBLEM_CODES.filter((code) => code !== 'isDomainName'),
  );

export const IsQuotaBytes = (options?: ValidationOptions): PropertyDecorator =>
  itemValidator(
    'isQuotaBytes',
    isQuotaBytes,
    'must be a whole number of bytes, 0 or more',
    options,
  );

/** Query strings carry `true`/`false` as text; anything else is left for IsBoolean to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

/**
 * Like IsOptional, but only for an absent field: `null` is validated (and refused by
 * the type check), because no settable field here is nullable.
 */
export const Omittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
