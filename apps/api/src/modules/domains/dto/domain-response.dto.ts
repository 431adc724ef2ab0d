import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { ApiProperty } from '@nestjs/swagger';
import { TWO_FACTOR_POLICIES, type TwoFactorPolicy } from '#contracts';
import { PasswordPolicyDto } from '../../passwords/dto/password-policy.dto.js';

export class DomainResponseDto {
  @ApiProperty({
    description: 'Lowercase ASCII (punycode for internationalised names).',
    example: 'xn--r8jz45g.jp',
  })
  name!: string;

  @ApiProperty({ description: 'The name in Unicode, for display.', example: '例え.jp' })
  unicodeName!: string;

  @ApiProperty({ example: 'Sales team, Osaka office' })
  description!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: '0 = unlimited.', example: 500 })
  maxMailboxes!: number;

  @ApiProperty({ description: '0 = unlimited.', example: 1000 })
  maxAliases!: number;

  @ApiProperty({ example: 5_368_709_120 })
  defaultQuotaBytes!: number;

  @ApiProperty({ description: 'Per-mailbox ceiling; 0 = none.', example: 53_687_091_200 })
  maxQuotaBytes!: number;

  @ApiProperty({
    description: 'Shared pool on real usage; 0 = unlimited.',
    example: 1_099_511_627_776,
  })
  quotaBytes!: number;

  @ApiProperty({ description: 'Live mailboxes (soft-deleted ones excluded).', example: 42 })
  mailboxCount!: number;

  @ApiProperty({ example: 17 })
  aliasCount!: number;

  @ApiProperty({
    description: 'Storage used by all mailboxes, as the mail server reports it.',
    example: 9_663_676_416,
  })
  usedBytes!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'This domain’s own minimum; null uses the global default.',
  })
  passwordMinLength!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'This domain’s own strength score; null uses the global default.',
  })
  passwordMinScore!: number | null;

  @ApiProperty({
    type: PasswordPolicyDto,
    description: 'The policy in force for this domain’s mailboxes.',
  })
  passwordPolicy!: PasswordPolicyDto;

  @ApiProperty({ enum: TWO_FACTOR_POLICIES })
  twoFactorPolicy!: TwoFactorPolicy;

  @ApiProperty({ example: 7 })
  twoFactorGraceDays!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When 2FA became required.',
  })
  twoFactorRequiredSince!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The mail server this domain’s mail apps connect to (punycode); null: the server’s host names.',
    example: 'mail.example.com',
  })
  mailHostname!: string | null;

  @ApiProperty({
    enum: LOCALES,
    type: String,
    nullable: true,
    description: 'What Yubin writes to this domain’s users in; null: English.',
  })
  language!: Locale | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
