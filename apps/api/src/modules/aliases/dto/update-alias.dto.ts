import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean } from 'class-validator';
import {
  IsMailAddress,
  NormaliseAddress,
  Omittable,
} from '../../../common/validators/decorators.js';
import { MAX_ALIAS_DESTINATIONS } from './alias-settings.dto.js';

export class UpdateAliasDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Replaces the destination list.',
    example: ['alice@example.com', 'bob@example.org'],
  })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALIAS_DESTINATIONS)
  @NormaliseAddress({ each: true })
  @IsMailAddress({ each: true })
  @ArrayUnique()
  @FieldErrors('selfReference', 'destinationUnknown')
  destinations?: string[];

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description:
      'Save even if a new destination in a domain Yubin hosts has no mailbox, alias or catch-all there (otherwise 422 ALIAS_DESTINATION_UNKNOWN lists them in `unknownDestinations`). Only domains within the caller’s reach are checked. Not stored.',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  confirmUnknownDestinations?: boolean;
}
