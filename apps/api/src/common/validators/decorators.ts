import { Transform } from 'class-transformer';
import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isLocalPart, normaliseLocalPart, parseAddress } from './address.js';
import { isAsciiFqdn, toAsciiDomain } from './domain-name.js';
import { isQuotaBytes } from './quota.js';

/** Trims strings at the edge; other values pass through for the validators to refuse. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Lowercase punycode; unconvertible input is kept so the validator can report it. */
export const NormaliseDomain = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (toAsciiDomain(value) ?? value) : value,
  );

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

export function IsDomainName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDomainName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isAsciiFqdn(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a fully qualified domain name such as example.com`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsLocalPart(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalPart',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalPart(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be the part before the @: letters, digits and ! # $ % & ' * + / = ? ^ _ \` { | } ~ -, dots between them, at most 64 characters`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsMailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMailAddress',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseAddress(value)?.address === value,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a mail address such as name@example.com`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsQuotaBytes(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQuotaBytes',
      validator: {
        validate: (value: unknown) => isQuotaBytes(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a whole number of bytes, 0 or more`,
          options,
        ),
      },
    },
    options,
  );
}

/** Query strings carry `true`/`false` as text; anything else is left for IsBoolean to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
