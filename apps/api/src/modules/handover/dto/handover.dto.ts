import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale } from '../../../common/i18n/locale.js';
import { MailServerDto } from '../../autoconfig/dto/mail-server.dto.js';

/**
 * What a new user is handed with their address and temporary password: the password is
 * not here (it is shown once, when it is made), everything else is.
 */
export class HandoverResponseDto {
  @ApiProperty({ example: 'alice@example.com', description: 'Also the user name for mail apps.' })
  address!: string;

  @ApiProperty({ example: 'Alice Example' })
  displayName!: string;

  @ApiProperty({
    type: [MailServerDto],
    description: 'Reading mail: IMAP keeps it on the server, POP3 downloads it.',
  })
  incoming!: MailServerDto[];

  @ApiProperty({ type: [MailServerDto], description: 'Sending mail (SMTP submission).' })
  outgoing!: MailServerDto[];

  @ApiProperty({
    example:
      'https://mail.example.com/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice%40example.com',
    description: 'The settings document mail apps read to configure themselves.',
  })
  autoconfigUrl!: string;

  @ApiProperty({
    enum: LOCALES,
    description:
      'The language to hand the sheet over in: the mailbox’s, else its domain’s, else English.',
  })
  language!: Locale;

  @ApiProperty({
    description:
      'Whether the sheet can be sent by mail to another address (`POST …/handover/send`): Yubin has an outgoing mail server (OUTBOUND_SMTP_URL).',
  })
  canSendByMail!: boolean;
}
