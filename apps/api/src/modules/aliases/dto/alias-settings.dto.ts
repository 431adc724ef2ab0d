import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean } from 'class-validator';
import {
  IsMailAddress,
  NormaliseAddress,
  Omittable,
} from '../../../common/validators/decorators.js';

export const MAX_ALIAS_DESTINATIONS = 1000;

export class AliasDestinationsDto {
  @ApiProperty({
    type: [String],
    description:
      'Where mail to the alias goes: addresses here or elsewhere. An address elsewhere may use any character RFC 5322 allows unquoted (`%`, `!`, `/` …), which addresses here do not.',
    example: ['alice@example.com', 'bob@example.org'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALIAS_DESTINATIONS)
  @NormaliseAddress({ each: true })
  @IsMailAddress({ each: true })
  @ArrayUnique()
  @FieldErrors('selfReference', 'destinationUnknown')
  destinations!: string[];

  @ApiPropertyOptional({ description: 'An inactive alias delivers nothing.', default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description:
      'Save even if a destination in a domain Yubin hosts has no mailbox, alias or catch-all there (otherwise 422 ALIAS_DESTINATION_UNKNOWN lists them in `unknownDestinations`). Only domains within the caller’s reach are checked. Not stored.',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  confirmUnknownDestinations?: boolean;
}
