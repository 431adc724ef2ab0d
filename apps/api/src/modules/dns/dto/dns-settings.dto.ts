import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import {
  DMARC_POLICIES,
  MTA_STS_MODES,
  SPF_INCLUDES_MAX,
  SPF_POLICIES,
  type DmarcPolicy,
  type MtaStsMode,
  type SpfPolicy,
} from '#contracts';
import {
  IsDnsName,
  IsMailAddress,
  NormaliseAddress,
  NormaliseDnsName,
  Trim,
} from '../../../common/validators/decorators.js';

const DEFAULT = 'null (or absent) uses the server’s default.';

/** A domain's own DNS choices; PUT replaces all of them. */
export class DnsSettingsDto {
  @ApiPropertyOptional({
    enum: SPF_POLICIES,
    nullable: true,
    description: `\`-all\`: receivers refuse mail from servers SPF does not list. \`~all\`: they only mark it. ${DEFAULT}`,
  })
  @IsOptional()
  @IsIn(SPF_POLICIES)
  spfPolicy?: SpfPolicy | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: SPF_INCLUDES_MAX,
    description:
      'Other senders of this domain’s mail, as SPF `include:` names (e.g. a newsletter service’s `_spf.example.net`). Absent: none.',
    example: ['_spf.example.net'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SPF_INCLUDES_MAX)
  @NormaliseDnsName()
  @IsDnsName({ each: true })
  spfIncludes?: string[];

  @ApiPropertyOptional({
    enum: DMARC_POLICIES,
    nullable: true,
    description: `What receivers do with mail that fails DMARC. ${DEFAULT}`,
  })
  @IsOptional()
  @IsIn(DMARC_POLICIES)
  dmarcPolicy?: DmarcPolicy | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Where DMARC aggregate and TLS-RPT reports go. null (or absent): `postmaster@` the domain.',
    example: 'dmarc-reports@example.com',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @NormaliseAddress()
  @IsMailAddress()
  dmarcReportAddress?: string | null;

  @ApiPropertyOptional({
    enum: MTA_STS_MODES,
    nullable: true,
    description: `The MTA-STS mode: \`enforce\` makes senders refuse delivery without valid TLS, \`testing\` only reports. ${DEFAULT}`,
  })
  @IsOptional()
  @IsIn(MTA_STS_MODES)
  mtaStsMode?: MtaStsMode | null;
}

export class DnsSettingsValuesDto {
  @ApiProperty({ enum: SPF_POLICIES })
  spfPolicy!: SpfPolicy;

  @ApiProperty({ type: [String] })
  spfIncludes!: string[];

  @ApiProperty({ enum: DMARC_POLICIES })
  dmarcPolicy!: DmarcPolicy;

  @ApiProperty({ example: 'postmaster@example.com' })
  dmarcReportAddress!: string;

  @ApiProperty({ enum: MTA_STS_MODES })
  mtaStsMode!: MtaStsMode;
}

export class DnsSettingsOwnDto {
  @ApiProperty({ enum: SPF_POLICIES, nullable: true })
  spfPolicy!: SpfPolicy | null;

  @ApiProperty({ type: [String] })
  spfIncludes!: string[];

  @ApiProperty({ enum: DMARC_POLICIES, nullable: true })
  dmarcPolicy!: DmarcPolicy | null;

  @ApiProperty({ type: String, nullable: true })
  dmarcReportAddress!: string | null;

  @ApiProperty({ enum: MTA_STS_MODES, nullable: true })
  mtaStsMode!: MtaStsMode | null;
}

export class DnsSettingsResponseDto {
  @ApiProperty({ type: DnsSettingsOwnDto, description: 'What the domain sets (null: default).' })
  own!: DnsSettingsOwnDto;

  @ApiProperty({ type: DnsSettingsValuesDto, description: 'What the records use.' })
  effective!: DnsSettingsValuesDto;
}
