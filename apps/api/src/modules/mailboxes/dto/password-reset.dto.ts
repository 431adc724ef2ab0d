import { PASSWORD_ISSUE_CODES } from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '../../../common/validators/decorators.js';
import { PASSWORD_MAX_LENGTH } from '#contracts';

export class PasswordResetDto {
  @ApiPropertyOptional({
    description:
      'Set this password (policy-checked). Omit to generate a temporary one the user must change.',
    format: 'password',
    writeOnly: true,
    example: 'Plum-orbit-cascade-41-Kyoto',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors(...PASSWORD_ISSUE_CODES)
  password?: string;
}
