import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MailboxResponseDto {
  @ApiProperty({ example: 'alice@example.com' })
  address!: string;

  @ApiProperty({ example: 'alice' })
  localPart!: string;

  @ApiProperty({ example: 'example.com' })
  domain!: string;

  @ApiProperty({ example: 'Alice Tanaka' })
  displayName!: string;

  @ApiProperty({ description: '0 = unlimited.', example: 5_368_709_120 })
  quotaBytes!: number;

  @ApiProperty({
    description: 'Storage in use, as the mail server reports it.',
    example: 1_288_490_188,
  })
  usedBytes!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  imapEnabled!: boolean;

  @ApiProperty()
  pop3Enabled!: boolean;

  @ApiProperty()
  smtpEnabled!: boolean;

  @ApiProperty()
  mustChangePassword!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Where mail to the mailbox is forwarded; empty for no forwarding.',
    example: [],
  })
  forwardTo!: string[];

  @ApiProperty({
    description: 'With forwarding, whether the mailbox keeps a copy of each message.',
  })
  keepCopy!: boolean;

  @ApiProperty({
    enum: LOCALES,
    type: String,
    nullable: true,
    description: 'What Yubin writes to this mailbox’s user in; null: the domain’s language.',
  })
  language!: Locale | null;

  @ApiProperty({
    description: 'An authenticator app protects the account; mail apps then need app passwords.',
  })
  twoFactorEnabled!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Web sign-in is locked after failed attempts until then; POST …/unlock lifts it.',
  })
  lockedUntil!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was deleted; set only in `?deleted=true` lists.',
  })
  deletedAt!: string | null;
}

export class CreatedMailboxResponseDto extends MailboxResponseDto {
  @ApiPropertyOptional({
    description: 'Present only when no password was given: the generated one, shown this once.',
    example: 'Hk7wq-3ZbNm-pX9vR-c4TtY',
  })
  temporaryPassword?: string;
}

export class PasswordResetResponseDto {
  @ApiPropertyOptional({
    description:
      'The generated temporary password, shown this once. Absent when you supplied the password.',
    example: 'Hk7wq-3ZbNm-pX9vR-c4TtY',
  })
  temporaryPassword?: string;

  @ApiProperty({
    description: 'True after a generated password: the user must change it at next sign-in.',
  })
  mustChangePassword!: boolean;
}
