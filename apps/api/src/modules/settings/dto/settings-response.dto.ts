import { ApiProperty } from '@nestjs/swagger';

/** Server-wide settings the UI needs to offer the same defaults as the API. */
export class SettingsResponseDto {
  @ApiProperty({
    description:
      'The mailbox quota a new domain gets when `defaultQuotaBytes` is omitted (capped by its `maxQuotaBytes` and `quotaBytes`); 0 = unlimited.',
    example: 5_368_709_120,
  })
  defaultMailboxQuotaBytes!: number;

  @ApiProperty({
    description: 'Days a deleted mailbox can be restored before it is purged.',
    example: 30,
  })
  mailboxRetentionDays!: number;

  @ApiProperty({
    description:
      'False while `MAIL_HOSTNAME` (or all of `IMAP_HOSTNAME`, `POP3_HOSTNAME`, `SMTP_HOSTNAME`) is unset: mail apps are then told `localhost`, except for domains with their own `mailHostname`.',
  })
  mailHostnamesConfigured!: boolean;
}
