import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TWO_FACTOR_POLICIES, type TwoFactorPolicy } from '#contracts';
import {
  IsDomainName,
  IsQuotaBytes,
  NormaliseDomain,
  Omittable,
  Trim,
} from '../../../common/validators/decorators.js';

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
    description:
      'Quota given to a new mailbox when none is asked for; 0 = unlimited. Omitted at creation: the server default (`GET /settings`), within `maxQuotaBytes` and `quotaBytes`.',
    example: 5_368_709_120,
  })
  @Omittable()
  @IsQuotaBytes()
  @FieldErrors('unlimitedNotAllowed', 'exceedsMax', 'exceedsPool')
  defaultQuotaBytes?: number;

  @ApiPropertyOptional({
    description: 'Largest quota one mailbox may have; 0 = no ceiling.',
    default: 0,
    example: 53_687_091_200,
  })
  @Omittable()
  @IsQuotaBytes()
  @FieldErrors('exceedsPool')
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

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 8,
    maximum: 256,
    description:
      'Shortest password allowed for this domain’s mailboxes; null uses the global default. Below 12 only when 2FA is required (NIST SP 800-63B).',
    example: 14,
  })
  @IsOptional()
  @IsInt()
  @Min(8)
  @Max(256)
  @FieldErrors('needsTwoFactor')
  passwordMinLength?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 4,
    description:
      'Least strength score (zxcvbn, 0–4) a password must reach; null uses the global default.',
    example: 3,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4)
  passwordMinScore?: number | null;

  @ApiPropertyOptional({
    enum: TWO_FACTOR_POLICIES,
    description:
      '`off`: users cannot turn on 2FA. `optional`: they may. `required`: after the grace period, users without 2FA can only sign in to set it up.',
  })
  @Omittable()
  @IsIn(TWO_FACTOR_POLICIES)
  twoFactorPolicy?: TwoFactorPolicy;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 365,
    description: 'Days users have to set up 2FA once it is required.',
    example: 7,
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(365)
  twoFactorGraceDays?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'The mail server this domain’s mail apps connect to for IMAP, POP3 and SMTP, e.g. `mail.example.com`; null uses the server’s `MAIL_HOSTNAME` (or `IMAP_HOSTNAME`, `POP3_HOSTNAME`, `SMTP_HOSTNAME`). Internationalised names are stored as punycode.',
    example: 'mail.example.com',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @NormaliseDomain()
  @IsDomainName()
  mailHostname?: string | null;

  @ApiPropertyOptional({
    enum: LOCALES,
    type: String,
    nullable: true,
    description:
      'The language Yubin writes to this domain’s users in (the quota warning, the handover sheet); null: English.',
  })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale | null;
}
