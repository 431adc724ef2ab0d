import { ApiProperty } from '@nestjs/swagger';

/** One server a mail app connects to, as every page and document shows it. */
export class MailServerDto {
  @ApiProperty({ enum: ['imap', 'pop3', 'smtp'] })
  protocol!: 'imap' | 'pop3' | 'smtp';

  @ApiProperty({ example: 'mail.example.com' })
  host!: string;

  @ApiProperty({ example: 993 })
  port!: number;

  @ApiProperty({
    enum: ['tls', 'starttls'],
    description:
      '`tls`: encrypted from the start. `starttls`: switches to encryption after connecting.',
  })
  security!: 'tls' | 'starttls';
}
