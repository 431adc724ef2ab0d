import 'reflect-metadata';
import type { ProblemFieldError } from '#contracts';
import { CreateAliasDto } from '../../modules/aliases/dto/create-alias.dto.js';
import { CreateDomainDto } from '../../modules/domains/dto/create-domain.dto.js';
import { UpdateDomainDto } from '../../modules/domains/dto/update-domain.dto.js';
import { CreateMailboxDto } from '../../modules/mailboxes/dto/create-mailbox.dto.js';
import { ValidationError } from '../errors/app-error.js';
import { createValidationPipe } from '../http/validation.js';
import {
  type DtoClass,
  fieldErrorCodes,
  fieldLimits,
  validatedClasses,
} from './field-error-codes.js';

async function refusal(target: DtoClass, body: unknown): Promise<ProblemFieldError[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: target as never });
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors ?? [];
    throw error;
  }
  throw new Error('the body was accepted');
}

describe(fieldErrorCodes.name, () => {
  it('lists the validators, the reasons they name and the service rules of a field', () => {
    const codes = fieldErrorCodes(CreateDomainDto);
    expect(codes['maxMailboxes']).toEqual(['isInt', 'max', 'min']);
    expect(codes['name']).toEqual(
      expect.arrayContaining(['isDomainName', 'domainLabelTooLong', 'domainTooLong']),
    );
    expect(codes['name']).toContain('controlCharacters');
    expect(codes['defaultQuotaBytes']).toEqual([
      'exceedsMax',
      'exceedsPool',
      'isQuotaBytes',
      'unlimitedNotAllowed',
    ]);
  });

  it('gives a body that only inherits its validators the same codes', () => {
    expect(fieldErrorCodes(UpdateDomainDto)).toEqual(
      Object.fromEntries(
        Object.entries(fieldErrorCodes(CreateDomainDto)).filter(([field]) => field !== 'name'),
      ),
    );
  });

  it('finds the validated classes by their schema names', () => {
    expect(validatedClasses([UpdateDomainDto]).get('UpdateDomainDto')).toBe(UpdateDomainDto);
    expect(validatedClasses().get('CreateMailboxDto')).toBe(CreateMailboxDto);
  });

  it.each<[string, DtoClass, Record<string, unknown>]>([
    [
      'a domain with every limit wrong',
      CreateDomainDto,
      {
        name: `${'a'.repeat(64)}.example`,
        description: 'x'.repeat(501),
        maxMailboxes: 1e11,
        maxAliases: -1,
        defaultQuotaBytes: 999_999_999 * 1024 ** 3,
        twoFactorGraceDays: 1.5,
        mailHostname: '😀.jp',
      },
    ],
    ['a domain far too long', CreateDomainDto, { name: `${'abcdefghi.'.repeat(30)}jp` }],
    [
      'a mailbox with a bad local part and forward',
      CreateMailboxDto,
      { localPart: 'a b', displayName: 'x'.repeat(300), forwardTo: ['bob@ex ample.test'] },
    ],
    [
      'an alias with a long address',
      CreateAliasDto,
      { address: 'x'.repeat(300), destinations: [] },
    ],
  ])('documents every code the pipe answers for %s', async (_case, target, body) => {
    const documented = fieldErrorCodes(target);
    const errors = await refusal(target, body);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      const field = error.field.split('.')[0] ?? error.field;
      expect(documented[field], `${error.field} ${error.code}`).toContain(error.code);
    }
  });
});

describe(fieldLimits.name, () => {
  it('states the bounds the validators enforce, not those of each list item', () => {
    const limits = fieldLimits(CreateDomainDto);
    expect(limits['maxMailboxes']).toEqual({ minimum: 0, maximum: 100_000_000 });
    expect(limits['description']).toEqual({ maxLength: 500 });
    expect(fieldLimits(CreateAliasDto)['destinations']).toEqual({ minItems: 1, maxItems: 1000 });
  });
});
