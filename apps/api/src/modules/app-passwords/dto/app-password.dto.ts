import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MAIL_PROTOCOLS, type MailProtocol } from '#contracts';
import { Omittable, Trim } from '../../../common/validators/decorators.js';
import { IsTimestamp } from '../../../common/validators/timestamp.js';

export class CreateAppPasswordDto {
  @ApiProperty({
    description: 'Which app or device it is for.',
    example: 'Thunderbird on the laptop',
  })
  @IsString()
  @Trim()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    enum: MAIL_PROTOCOLS,
    isArray: true,
    description:
      'Where it works: `imap` (reading mail kept on the server), `pop3` (downloading mail), `smtp` (sending).',
    example: ['imap', 'smtp'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MAIL_PROTOCOLS, { each: true })
  protocols!: MailProtocol[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it stops working. Omit for no end.',
    example: '2099-12-31T00:00:00.000Z',
  })
  @Omittable()
  @IsTimestamp()
  @FieldErrors('inThePast')
  expiresAt?: Date;
}

export class AppPasswordResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Thunderbird on the laptop' })
  name!: string;

  @ApiProperty({ enum: MAIL_PROTOCOLS, isArray: true })
  protocols!: MailProtocol[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ description: 'Past its expiry: mail apps using it are refused.' })
  expired!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'As reported by the mail server.',
  })
  lastUsedAt!: string | null;

  @ApiProperty({
    enum: ['self', 'admin'],
    description: 'Made by the user, or issued for them by an admin.',
  })
  createdBy!: 'self' | 'admin';

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedAppPasswordResponseDto extends AppPasswordResponseDto {
  @ApiProperty({
    description: 'The password to type into the mail app. Shown only now.',
    example: 'kvzr-mwpt-hxqa-ndjc',
  })
  password!: string;
}
