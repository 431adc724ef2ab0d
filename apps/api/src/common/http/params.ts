import {
  Param,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import type { Request } from 'express';
import type { ErrorCode } from '#contracts';
import { NotFoundError } from '../errors/app-error.js';
import { normaliseAddress } from '../validators/address.js';
import { toAsciiDomain } from '../validators/domain-name.js';
import { expectedVersion } from './etag.js';

/** Path domain names are normalised like bodies: `Example.COM` and `例え.jp` both find their domain. */
class DomainNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return toAsciiDomain(value) ?? value.toLowerCase();
  }
}

class AddressPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    // `@example.com` names a catch-all alias.
    if (value.startsWith('@'))
      return `@${toAsciiDomain(value.slice(1)) ?? value.slice(1).toLowerCase()}`;
    return normaliseAddress(value);
  }
}

export const DomainNameParam = (name: string): ParameterDecorator =>
  Param(name, new DomainNamePipe());
export const AddressParam = (name: string): ParameterDecorator => Param(name, new AddressPipe());
/** The version an If-Match header expects, or undefined for an unconditional write. */
export const IfMatchVersion = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  expectedVersion(execution.switchToHttp().getRequest<Request>().header('if-match')),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path; anything that is not a UUID cannot name a row, so it is "not found". */
export const UuidParam = (name: string, notFoundCode: ErrorCode): ParameterDecorator =>
  Param(name, {
    transform(value: string): string {
      if (!UUID.test(value)) throw new NotFoundError(notFoundCode, `No such ${name}: ${value}.`);
      return value.toLowerCase();
    },
  });
