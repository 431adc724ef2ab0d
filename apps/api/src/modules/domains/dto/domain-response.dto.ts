import { ApiProperty } from '@nestjs/swagger';

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

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
