import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { SEND_CHECK_CODES, type SendCheckCode } from '#contracts';
import { Trim } from '../../../common/validators/decorators.js';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';

export class SendCheckDto {
  @ApiProperty({
    description: 'The envelope sender (MAIL FROM); "" for the empty sender <>.',
    example: 'alice@example.com',
  })
  @Trim()
  @IsString()
  @MaxLength(320)
  @FieldErrors('isMailAddress')
  from!: string;

  @ApiProperty({ description: 'The recipient (RCPT TO).', example: 'bob@example.net' })
  @Trim()
  @IsString()
  @MaxLength(320)
  @FieldErrors('isMailAddress')
  to!: string;
}

export class SendCheckResponseDto {
  @ApiProperty({ description: 'Whether the message goes through.' })
  accepted!: boolean;

  @ApiProperty({
    enum: SEND_CHECK_CODES,
    description:
      '`accepted`, `accepted-relay` (sent on to another mail server), or the first rule that refuses it.',
  })
  code!: SendCheckCode;

  @ApiProperty({ description: 'Why, in plain words, in the language of Accept-Language (en, ja).' })
  message!: string;
}
