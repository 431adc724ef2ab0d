import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBase64, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import {
  DNS_PUBLISH_ACTIONS,
  DNS_RECORD_TYPES,
  TSIG_ALGORITHMS,
  WEAK_TSIG_ALGORITHMS,
  type DnsPublishAction,
  type DnsRecordType,
  type TsigAlgorithm,
} from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import {
  IsDomainName,
  NormaliseDomain,
  Omittable,
  Trim,
} from '../../../common/validators/decorators.js';

/** Key names are DNS names (RFC 8945 §4.2), often one label: `yubin`, `tsig-key.example.com`. */
const TSIG_KEY_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

const lowercase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

/** Where and how the domain's records are published (RFC 2136 UPDATE signed with TSIG). */
export class DnsPublishingDto {
  @ApiProperty({
    description: 'The authoritative server as `host:port` (`[v6]:port` for IPv6).',
    example: 'ns1.example.net:53',
  })
  @IsString()
  @MaxLength(262)
  @Trim()
  @FieldErrors('isHostPort')
  server!: string;

  @ApiProperty({
    description: 'The zone to update: the domain itself or a parent of it.',
    example: 'example.com',
  })
  @IsString()
  @NormaliseDomain()
  @IsDomainName()
  @FieldErrors('zoneNotAncestor')
  zone!: string;

  @ApiProperty({
    description: 'The TSIG key’s name, as the server knows it (a DNS name; one label is fine).',
    example: 'yubin',
  })
  @IsString()
  @lowercase()
  @Matches(TSIG_KEY_NAME)
  tsigKeyName!: string;

  @ApiProperty({
    enum: TSIG_ALGORITHMS,
    description: 'hmac-sha1 and hmac-md5 are refused as too weak (`weakTsigAlgorithm`).',
  })
  @IsString()
  @lowercase()
  @IsIn([...TSIG_ALGORITHMS, ...WEAK_TSIG_ALGORITHMS])
  @FieldErrors('weakTsigAlgorithm')
  tsigAlgorithm!: TsigAlgorithm;

  @ApiPropertyOptional({
    description:
      'The TSIG secret in base64 (at least 16 bytes). Sealed at rest and never returned. Absent: keep the one stored (required the first time).',
    writeOnly: true,
    example: 'c2l4dGVlbi1ieXRlLWtleS0wMTIzNDU2Nzg5YWJjZGVm',
  })
  @Omittable()
  @IsString()
  @Trim()
  @MaxLength(512)
  @IsBase64()
  @FieldErrors('tsigSecretTooShort', 'tsigSecretRequired')
  tsigSecret?: string;
}

export class DnsPublishingResponseDto {
  @ApiProperty({ example: 'ns1.example.net:53' })
  server!: string;

  @ApiProperty({ example: 'example.com' })
  zone!: string;

  @ApiProperty({ example: 'yubin' })
  tsigKeyName!: string;

  @ApiProperty({ enum: TSIG_ALGORITHMS })
  tsigAlgorithm!: TsigAlgorithm;

  @ApiProperty({ description: 'A secret is stored; it is never returned.' })
  hasTsigSecret!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class DnsPublishedRecordDto {
  @ApiProperty({ enum: DNS_RECORD_TYPES })
  type!: DnsRecordType;

  @ApiProperty({ example: '_dmarc.example.com.' })
  name!: string;

  @ApiProperty({ description: 'Presentation form, as in the records.' })
  value!: string;

  @ApiProperty({
    enum: DNS_PUBLISH_ACTIONS,
    description:
      '`published`: the record is now in the zone. `withdrawn`: Yubin published it before and removed it, as it is no longer needed.',
  })
  action!: DnsPublishAction;
}

export class DnsPublishResponseDto {
  @ApiProperty({ example: 'ns1.example.net:53' })
  server!: string;

  @ApiProperty({ example: 'example.com' })
  zone!: string;

  @ApiProperty({ type: [DnsPublishedRecordDto] })
  records!: DnsPublishedRecordDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  publishedAt!: string;
}
