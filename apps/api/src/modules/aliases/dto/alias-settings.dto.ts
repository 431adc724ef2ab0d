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
  @FieldErrors('selfReference')
  destinations!: string[];

  @ApiPropertyOptional({ description: 'An inactive alias delivers nothing.', default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
