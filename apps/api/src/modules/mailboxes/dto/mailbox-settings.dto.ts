import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import { IsQuotaBytes, Trim } from '../../../common/validators/decorators.js';

/** Fields settable on create and update. */
export class MailboxSettingsDto {
  @ApiPropertyOptional({ maxLength: 255, example: 'Alice Tanaka' })
  @IsOptional()
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
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({
    description:
      'Storage limit in bytes; 0 = unlimited where the domain allows it. Defaults to the domain’s defaultQuotaBytes.',
    example: 5_368_709_120,
  })
  @IsOptional()
  @IsQuotaBytes()
  quotaBytes?: number;

  @ApiPropertyOptional({
    description: 'An inactive mailbox receives no mail and cannot log in.',
    default: true,
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description: 'May read mail with IMAP (mail apps that keep mail on the server).',
    default: true,
  })
  @IsOptional()
  @IsBoolean()
  imapEnabled?: boolean;

  @ApiPropertyOptional({ description: 'May download mail with POP3.', default: true })
  @IsOptional()
  @IsBoolean()
  pop3Enabled?: boolean;

  @ApiPropertyOptional({
    description: 'May send mail through the server (SMTP submission).',
    default: true,
  })
  @IsOptional()
  @IsBoolean()
  smtpEnabled?: boolean;

  @ApiPropertyOptional({
    description: 'The user must choose a new password at the next web sign-in.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;
}
