import { PASSWORD_ISSUE_CODES } from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import { MailServerDto } from '../../autoconfig/dto/mail-server.dto.js';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors('incorrect')
  currentPassword!: string;

  @ApiProperty({
    format: 'password',
    writeOnly: true,
    description: 'Checked against your password policy.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors('sameAsCurrent', ...PASSWORD_ISSUE_CODES)
  newPassword!: string;
}

export class ConnectionSettingsResponseDto {
  @ApiProperty({
    description: 'The user name mail apps ask for: the full address.',
    example: 'alice@example.com',
  })
  username!: string;

  @ApiProperty({
    type: [MailServerDto],
    description: 'Reading mail: IMAP keeps it on the server, POP3 downloads it.',
  })
  incoming!: MailServerDto[];

  @ApiProperty({ type: [MailServerDto], description: 'Sending mail (SMTP submission).' })
  outgoing!: MailServerDto[];

  @ApiProperty({
    description: 'With 2FA on, mail apps need an app password instead of your account password.',
  })
  appPasswordRequired!: boolean;
}

export class MobileconfigDto {
  @ApiProperty({
    description:
      'Put a new app password (IMAP and SMTP) inside, so the device needs no password typed; needed with 2FA on. Shown in no other place.',
  })
  @IsBoolean()
  withAppPassword!: boolean;
}

export class UpdateMeDto {
  @ApiPropertyOptional({
    enum: LOCALES,
    type: String,
    nullable: true,
    description:
      'Your language for Yubin; for a mailbox, also of the messages Yubin sends you (quota warnings). Null: your domain’s, else the browser’s.',
  })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale | null;
}
