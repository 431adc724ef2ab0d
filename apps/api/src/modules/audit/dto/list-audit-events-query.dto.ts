import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '#contracts';
import { NormaliseDomain, Trim } from '../../../common/validators/decorators.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';
import { IsTimestamp } from '../../../common/validators/timestamp.js';

export const AUDIT_TARGET_TYPES = [
  'domain',
  'alias-domain',
  'mailbox',
  'alias',
  'api-token',
  'admin',
] as const;

/** Newest first by id; a cursor holds the last id seen. */
export const AUDIT_CURSOR: CursorShape<'id'> = { values: { id: 'bigint' }, id: 'bigint' };

export class ListAuditEventsQueryDto {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT, minimum: 1, maximum: PAGE_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({
    description:
      'An exact action (`mailbox.create`) or a target type to match all its actions (`mailbox`).',
    example: 'mailbox.password-reset',
  })
  @IsOptional()
  @Matches(/^[a-z-]+(\.[a-z0-9-]+)?$/)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: string;

  @ApiPropertyOptional({
    description: 'The target: an address, domain name or id.',
    example: 'alice@example.com',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(254)
  target?: string;

  @ApiPropertyOptional({ description: 'Only events by this admin account.', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only events in this domain.', example: 'example.com' })
  @IsOptional()
  @IsString()
  @NormaliseDomain()
  @MaxLength(253)
  domain?: string;

  @ApiPropertyOptional({
    description: 'Events at or after this time (ISO 8601).',
    format: 'date-time',
  })
  @IsOptional()
  @IsTimestamp()
  from?: Date;

  @ApiPropertyOptional({ description: 'Events before this time (ISO 8601).', format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  to?: Date;
}
