import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DNS_RECORD_STATUSES,
  DNS_RECORD_TYPES,
  type DnsRecordStatus,
  type DnsRecordType,
} from '#contracts';

export const DNS_RECORD_FORMATS = ['json', 'zone'] as const;

export class DnsRecordsQueryDto {
  @ApiPropertyOptional({
    enum: DNS_RECORD_FORMATS,
    default: 'json',
    description: '`zone`: an RFC 1035 zone file fragment (`text/dns`) instead of JSON.',
  })
  @IsOptional()
  @IsIn(DNS_RECORD_FORMATS)
  format: (typeof DNS_RECORD_FORMATS)[number] = 'json';
}

export class DnsRecordDto {
  @ApiProperty({ enum: DNS_RECORD_TYPES })
  type!: DnsRecordType;

  @ApiProperty({ description: 'Absolute, punycode.', example: '_dmarc.example.com.' })
  name!: string;

  @ApiProperty({
    description:
      'The record data as a zone file has it: TXT as quoted strings of at most 255 bytes.',
    example: '"v=DMARC1; p=quarantine; rua=mailto:postmaster@example.com"',
  })
  value!: string;

  @ApiProperty({ example: 3600 })
  ttl!: number;

  @ApiProperty({ description: 'Why the domain needs it, in the request’s language (en, ja).' })
  why!: string;

  @ApiProperty({
    enum: DNS_RECORD_STATUSES,
    description: '`unverified` until a verification has checked this very record.',
  })
  status!: DnsRecordStatus;

  @ApiProperty({
    type: [String],
    description: 'What the last verification found at this name and type (same form as value).',
  })
  found!: string[];
}

export class DnsRecordsResponseDto {
  @ApiProperty({ type: [DnsRecordDto] })
  records!: DnsRecordDto[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the records were last verified; null: never.',
  })
  checkedAt!: string | null;
}
