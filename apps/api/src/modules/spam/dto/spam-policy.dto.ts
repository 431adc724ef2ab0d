import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  JUNK_FOLDER_MAX_LENGTH,
  SPAM_POLICY_DEFAULTS,
  SPAM_SCORE_MAX,
  SPAM_SCORE_MIN,
  VIRUS_ACTIONS,
  type SpamPolicySource,
  type VirusAction,
} from '#contracts';
import { Trim } from '../../../common/validators/decorators.js';

const SCORE = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false } as const;
const SCORE_DOC = {
  type: Number,
  nullable: true,
  minimum: SPAM_SCORE_MIN,
  maximum: SPAM_SCORE_MAX,
};
/** An IMAP folder name: no control characters, no LIST wildcards, and not the inbox. */
// eslint-disable-next-line no-control-regex -- the point is to refuse them
const FOLDER = /^(?!inbox$)[^\u0000-\u001f\u007f*%]+$/i;
const INHERIT = 'null (or absent) inherits.';

/** The thresholds and the junk folder: what a mailbox user may set for themselves. */
export class MySpamPolicyDto {
  @ApiPropertyOptional({
    ...SCORE_DOC,
    description: `From this score on, the message carries the spam header. ${INHERIT}`,
    example: 5,
  })
  @IsOptional()
  @IsNumber(SCORE)
  @Min(SPAM_SCORE_MIN)
  @Max(SPAM_SCORE_MAX)
  @FieldErrors('thresholdOrder', 'aboveDomain')
  addHeaderScore?: number | null;

  @ApiPropertyOptional({
    ...SCORE_DOC,
    description: `From this score on, the message is filed into the junk folder. ${INHERIT}`,
    example: 6,
  })
  @IsOptional()
  @IsNumber(SCORE)
  @Min(SPAM_SCORE_MIN)
  @Max(SPAM_SCORE_MAX)
  @FieldErrors('thresholdOrder', 'aboveDomain')
  junkScore?: number | null;

  @ApiPropertyOptional({
    ...SCORE_DOC,
    description: `From this score on, the message is refused while it is sent. ${INHERIT}`,
    example: 15,
  })
  @IsOptional()
  @IsNumber(SCORE)
  @Min(SPAM_SCORE_MIN)
  @Max(SPAM_SCORE_MAX)
  @FieldErrors('thresholdOrder', 'aboveDomain')
  rejectScore?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: JUNK_FOLDER_MAX_LENGTH,
    description: `The IMAP folder spam is filed into (not INBOX). ${INHERIT}`,
    example: 'Junk',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @MinLength(1)
  @MaxLength(JUNK_FOLDER_MAX_LENGTH)
  @Matches(FOLDER, {
    message:
      'junkFolder must be a folder name other than INBOX, without control characters, * or %',
  })
  junkFolder?: string | null;
}

/** A domain's or a mailbox's own policy, as an admin sets it (PUT replaces all of it). */
export class SpamPolicyDto extends MySpamPolicyDto {
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: `Whether mail is scored at all. ${INHERIT}`,
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @ApiPropertyOptional({
    enum: VIRUS_ACTIONS,
    nullable: true,
    description: `\`reject\`: a message with a virus is refused. \`junk\`: it is filed into the junk folder. ${INHERIT}`,
  })
  @IsOptional()
  @IsIn(VIRUS_ACTIONS)
  virusAction?: VirusAction | null;
}

export class SpamPolicyLayerDto {
  @ApiProperty({ type: Boolean, nullable: true })
  enabled!: boolean | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  addHeaderScore!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 8 })
  junkScore!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  rejectScore!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  junkFolder!: string | null;

  @ApiProperty({ enum: VIRUS_ACTIONS, nullable: true, example: null })
  virusAction!: VirusAction | null;
}

export class SpamPolicyValuesDto {
  @ApiProperty({ example: SPAM_POLICY_DEFAULTS.enabled })
  enabled!: boolean;

  @ApiProperty({ example: SPAM_POLICY_DEFAULTS.addHeaderScore })
  addHeaderScore!: number;

  @ApiProperty({ example: 8 })
  junkScore!: number;

  @ApiProperty({ example: SPAM_POLICY_DEFAULTS.rejectScore })
  rejectScore!: number;

  @ApiProperty({ example: SPAM_POLICY_DEFAULTS.junkFolder })
  junkFolder!: string;

  @ApiProperty({ enum: VIRUS_ACTIONS, example: SPAM_POLICY_DEFAULTS.virusAction })
  virusAction!: VirusAction;
}

const SOURCES = ['mailbox', 'domain', 'default'] as const satisfies readonly SpamPolicySource[];

export class SpamPolicySourcesDto {
  @ApiProperty({ enum: SOURCES })
  enabled!: SpamPolicySource;

  @ApiProperty({ enum: SOURCES })
  addHeaderScore!: SpamPolicySource;

  @ApiProperty({ enum: SOURCES, example: 'mailbox' })
  junkScore!: SpamPolicySource;

  @ApiProperty({ enum: SOURCES })
  rejectScore!: SpamPolicySource;

  @ApiProperty({ enum: SOURCES })
  junkFolder!: SpamPolicySource;

  @ApiProperty({ enum: SOURCES })
  virusAction!: SpamPolicySource;
}

export class SpamPolicyResponseDto {
  @ApiProperty({ type: SpamPolicyLayerDto, description: 'What this level sets; null inherits.' })
  own!: SpamPolicyLayerDto;

  @ApiProperty({
    type: SpamPolicyValuesDto,
    description: 'What applies to the mail: each field from the most specific level that sets it.',
  })
  effective!: SpamPolicyValuesDto;

  @ApiProperty({
    type: SpamPolicySourcesDto,
    description: 'Which level each effective field comes from.',
  })
  sources!: SpamPolicySourcesDto;

  @ApiProperty({
    type: SpamPolicyValuesDto,
    description:
      'What this level would have without its own values: the domain’s for a mailbox, the defaults for a domain. A mailbox user may set thresholds up to these, not above.',
  })
  inherited!: SpamPolicyValuesDto;
}
