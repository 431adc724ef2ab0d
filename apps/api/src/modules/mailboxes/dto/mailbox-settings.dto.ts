import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { PASSWORD_ISSUE_CODES } from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import {
  IsMailAddress,
  IsQuotaBytes,
  NormaliseAddress,
  Omittable,
  Trim,
} from '../../../common/validators/decorators.js';

export const MAX_FORWARD_TO = 1000;

/** Fields settable on create and update. */
export class MailboxSettingsDto {
  @ApiPropertyOptional({ maxLength: 255, example: 'Alice Tanaka' })
  @Omittable()
  @IsString()
  @Trim()
  @MaxLength(255)
  displayName?: string;

  @ApiPropertyOptional({
    description:
      'The mail password, checked against the password policy. Write-only: never returned.',
    format: 'password',
    writeOnly: true,
    example: 'plum-orbit-cascade-41',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors(...PASSWORD_ISSUE_CODES)
  password?: string;

  @ApiPropertyOptional({
    description:
      'Storage limit in bytes; 0 = unlimited where the domain allows it. Defaults to the domain’s defaultQuotaBytes.',
    example: 5_368_709_120,
  })
  @Omittable()
  @IsQuotaBytes()
  quotaBytes?: number;

  @ApiPropertyOptional({
    description: 'An inactive mailbox receives no mail and cannot log in.',
    default: true,
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'May read mail with IMAP (mail apps that keep mail on the server).',
    default: true,
  })
  @Omittable()
  @IsBoolean()
  imapEnabled?: boolean;

  @ApiPropertyOptional({ description: 'May download mail with POP3.', default: true })
  @Omittable()
  @IsBoolean()
  pop3Enabled?: boolean;

  @ApiPropertyOptional({
    description: 'May send mail through the server (SMTP submission).',
    default: true,
  })
  @Omittable()
  @IsBoolean()
  smtpEnabled?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Forward mail to these addresses (here or elsewhere); empty for no forwarding. Replaces the list.',
    example: ['alice@example.org'],
    default: [],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_FORWARD_TO)
  @NormaliseAddress({ each: true })
  @IsMailAddress({ each: true })
  @ArrayUnique()
  @FieldErrors('selfReference', 'destinationUnknown')
  forwardTo?: string[];

  @ApiPropertyOptional({
    description:
      'Save even if a forwarding address in a domain Yubin hosts has no mailbox, alias or catch-all there (otherwise 422 FORWARD_DESTINATION_UNKNOWN lists them in `unknownDestinations`). A change is asked only about the addresses it adds to forwardTo. Only domains within the caller’s reach are checked. Not stored.',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  confirmUnknownDestinations?: boolean;

  @ApiPropertyOptional({
    description:
      'With forwarding, also deliver a copy to this mailbox. Without forwarding, mail is delivered here anyway.',
    default: true,
  })
  @Omittable()
  @IsBoolean()
  keepCopy?: boolean;

  @ApiPropertyOptional({
    enum: LOCALES,
    type: String,
    nullable: true,
    description:
      'The language Yubin writes to this mailbox’s user in (the quota warning, the handover sheet); null: the domain’s language, else English.',
  })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale | null;

  @ApiPropertyOptional({
    description: 'The user must choose a new password at the next web sign-in.',
    default: false,
  })
  @Omittable()
  @IsBoolean()
  mustChangePassword?: boolean;
}
