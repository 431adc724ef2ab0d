import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import {
  IsLocalPart,
  NormaliseLocalPart,
  Omittable,
} from '../../../common/validators/decorators.js';
import { AliasDestinationsDto } from './alias-settings.dto.js';

/**
 * Name the alias by `localPart` (the domain comes from the path) or by its full
 * `address`. An empty local part, or an address `@domain`, is the domain's catch-all.
 */
export class CreateAliasDto extends AliasDestinationsDto {
  @ApiPropertyOptional({
    description:
      "The part before the @: letters, digits and . _ - + ' (dots between them); an empty string makes the catch-all.",
    example: 'sales',
  })
  @Omittable()
  @IsString()
  @NormaliseLocalPart()
  @ValidateIf((dto: CreateAliasDto) => dto.localPart !== '')
  @IsLocalPart()
  @FieldErrors('localPartOrAddress')
  localPart?: string;

  @ApiPropertyOptional({
    description: 'Alternative to localPart: the whole address, or `@domain` for the catch-all.',
    example: 'sales@example.com',
  })
  @Omittable()
  @IsString()
  @MaxLength(254)
  @FieldErrors('isMailAddress', 'isLocalPart', 'unsupportedLocalPartCharacter', 'otherDomain')
  address?: string;
}
