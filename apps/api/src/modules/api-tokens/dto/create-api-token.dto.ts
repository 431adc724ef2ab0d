import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { TOKEN_SCOPES, type TokenScope } from '#contracts';
import {
  IsDomainName,
  NormaliseDomain,
  Omittable,
  Trim,
} from '../../../common/validators/decorators.js';
import { IsTimestamp } from '../../../common/validators/timestamp.js';

export class CreateApiTokenDto {
  @ApiProperty({
    description: 'What the token is for.',
    example: 'HR provisioning script',
    maxLength: 100,
  })
  @IsString()
  @Trim()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    enum: TOKEN_SCOPES,
    isArray: true,
    description:
      'What the token may do; a write scope includes reading. Never more than you can do yourself.',
    example: ['mailboxes:write', 'aliases:read'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TOKEN_SCOPES, { each: true })
  scopes!: TokenScope[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Limit the token to these domains. Omit for every domain you can reach.',
    example: ['example.com'],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @NormaliseDomain()
  @IsDomainName({ each: true })
  @FieldErrors('unknownDomain')
  domains?: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the token stops working. Omit for no expiry.',
    example: '2099-12-31T00:00:00.000Z',
  })
  @Omittable()
  @IsTimestamp()
  @FieldErrors('inThePast')
  expiresAt?: Date;
}
