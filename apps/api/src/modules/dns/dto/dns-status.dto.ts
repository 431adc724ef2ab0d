import { ApiProperty } from '@nestjs/swagger';

export class DomainDnsStatusDto {
  @ApiProperty({ example: 'example.com' })
  domain!: string;

  @ApiProperty({ description: 'How many records the domain needs.' })
  records!: number;

  @ApiProperty({ description: 'Records the last verification found as they should be.' })
  ok!: number;

  @ApiProperty({ description: 'Records the last verification found missing or different.' })
  problems!: number;

  @ApiProperty({ description: 'Records not verified since they last changed.' })
  unverified!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When Yubin last published the records by RFC 2136; null: never.',
  })
  publishedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the mail server first reported a message of the domain signed with DKIM; null: not yet.',
  })
  firstSignedAt!: string | null;
}

export class DnsStatusResponseDto {
  @ApiProperty({ type: [DomainDnsStatusDto] })
  items!: DomainDnsStatusDto[];

  @ApiProperty({ description: 'More domains than the first 200 (by name) exist.' })
  more!: boolean;
}
