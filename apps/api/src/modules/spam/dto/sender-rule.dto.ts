import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  SENDER_RULE_KINDS,
  SENDER_RULE_LEVELS,
  SENDER_RULE_NOTE_MAX_LENGTH,
  type SenderRuleKind,
  type SenderRuleLevel,
} from '#contracts';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';
import { QueryBoolean, Trim } from '../../../common/validators/decorators.js';

/** Exactly one of the three. */
export class SenderMatchDto {
  @ApiPropertyOptional({
    description: 'An envelope sender address (IDN allowed; stored lowercase, punycode).',
    example: 'newsletter@shop.example',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @FieldErrors('invalid')
  sender?: string;

  @ApiPropertyOptional({
    description: 'A sender domain; it covers its subdomains too.',
    example: 'shop.example',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @FieldErrors('invalid')
  senderDomain?: string;

  @ApiPropertyOptional({
    description:
      'The sending server’s address or network, IPv4 or IPv6 (`192.0.2.0/24`, `2001:db8::/32`; an address alone is one host). Stored as its network: host bits are cleared.',
    example: '192.0.2.0/24',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @FieldErrors('invalid')
  clientIp?: string;
}

// eslint-disable-next-line no-control-regex -- the point is to refuse them
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export class CreateSenderRuleDto {
  @ApiProperty({
    enum: SENDER_RULE_KINDS,
    description: '`block` refuses or files as spam; `allow` delivers despite the spam score.',
  })
  @IsIn(SENDER_RULE_KINDS)
  kind!: SenderRuleKind;

  @ApiProperty({
    type: SenderMatchDto,
    description: 'Exactly one of sender, senderDomain, clientIp.',
    example: { senderDomain: 'shop.example' },
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SenderMatchDto)
  @FieldErrors('exactlyOne')
  match!: SenderMatchDto;

  @ApiPropertyOptional({
    maxLength: SENDER_RULE_NOTE_MAX_LENGTH,
    example: 'Invoices from our supplier',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(SENDER_RULE_NOTE_MAX_LENGTH)
  @Matches(NO_CONTROL, { message: 'note must not contain control characters' })
  note?: string;
}

export class SenderMatchResponseDto {
  @ApiPropertyOptional({ example: 'newsletter@shop.example' })
  sender?: string;

  @ApiPropertyOptional({ example: 'shop.example' })
  senderDomain?: string;

  @ApiPropertyOptional({ example: '192.0.2.0/24' })
  clientIp?: string;
}

export class SenderRuleResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: SENDER_RULE_LEVELS,
    description:
      'Where the rule is set; in a list with `inherited=true`, other levels than the list’s are inherited.',
  })
  level!: SenderRuleLevel;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The domain of a domain or mailbox rule.',
  })
  domain!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The mailbox of a mailbox rule.' })
  mailbox!: string | null;

  @ApiProperty({ enum: SENDER_RULE_KINDS })
  kind!: SenderRuleKind;

  @ApiProperty({ type: SenderMatchResponseDto })
  match!: SenderMatchResponseDto;

  @ApiProperty()
  note!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const SENDER_RULE_SORTS = ['-createdAt'] as const;
export type SenderRuleSort = (typeof SENDER_RULE_SORTS)[number];
export const SENDER_RULE_CURSOR: CursorShape<SenderRuleSort> = {
  values: { createdAt: 'time' },
  id: 'uuid',
};

export class ListSenderRulesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    enum: SENDER_RULE_SORTS,
    default: '-createdAt',
    description: 'Newest first.',
  })
  @IsOptional()
  @IsIn(SENDER_RULE_SORTS)
  sort: SenderRuleSort = '-createdAt';

  @ApiPropertyOptional({
    description:
      'Also list the rules this list inherits: a mailbox’s domain rules (and the global ones for whoever may read them), a domain’s global rules.',
    default: false,
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  inherited: boolean = false;

  @ApiPropertyOptional({
    enum: SENDER_RULE_KINDS,
    description: 'Only blocks (“Blocked senders”) or only allows (“Always allow”).',
  })
  @IsOptional()
  @IsIn(SENDER_RULE_KINDS)
  kind?: SenderRuleKind;
}

export class SenderDecisionQueryDto {
  @ApiPropertyOptional({ description: 'The envelope sender.', example: 'newsletter@shop.example' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  sender?: string;

  @ApiPropertyOptional({ description: 'The sending server’s address.', example: '192.0.2.10' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  clientIp?: string;
}

export class SenderDecisionResponseDto {
  @ApiProperty({
    enum: ['allow', 'block', 'none'],
    description: '`none`: no rule applies, the spam score decides.',
  })
  verdict!: 'allow' | 'block' | 'none';

  @ApiProperty({ enum: SENDER_RULE_LEVELS, nullable: true, description: 'The level that decided.' })
  level!: SenderRuleLevel | null;

  @ApiProperty({
    type: SenderRuleResponseDto,
    nullable: true,
    description:
      'The rule that decided; null for none, and for a global rule unless you may read global rules.',
  })
  rule!: SenderRuleResponseDto | null;
}
