import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsQuotaBytes, Omittable, Trim } from '../../../common/validators/decorators.js';

/** The settable fields shared by create and update. */
export class DomainSettingsDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Sales team, Osaka office' })
  @Omittable()
  @IsString()
  @Trim()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description: 'An inactive domain receives no mail and none of its users can log in.',
    default: true,
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'Most mailboxes the domain may hold; 0 = unlimited.',
    default: 0,
    example: 500,
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  maxMailboxes?: number;

  @ApiPropertyOptional({
    description: 'Most aliases the domain may hold; 0 = unlimited.',
    default: 0,
    example: 1000,
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  maxAliases?: number;

  @ApiPropertyOptional({
    description: 'Quota given to a new mailbox when none is asked for; 0 = unlimited.',
    default: 0,
    example: 5_368_709_120,
  })
  @Omittable()
  @IsQuotaBytes()
  defaultQuotaBytes?: number;

  @ApiPropertyOptional({
    description: 'Largest quota one mailbox may have; 0 = no ceiling.',
    default: 0,
    example: 53_687_091_200,
  })
  @Omittable()
  @IsQuotaBytes()
  maxQuotaBytes?: number;

  @ApiPropertyOptional({
    description:
      'The domain pool: all mailboxes together may store at most this much (measured on real usage, not on the sum of quotas); 0 = unlimited.',
    default: 0,
    example: 1_099_511_627_776,
  })
  @Omittable()
  @IsQuotaBytes()
  quotaBytes?: number;
}
