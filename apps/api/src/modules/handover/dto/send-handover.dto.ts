import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import {
  IsMailAddress,
  NormaliseAddress,
  Omittable,
  Trim,
} from '../../../common/validators/decorators.js';

export class SendHandoverDto {
  @ApiProperty({
    description:
      'One address to send the sheet to, e.g. the user’s private one (a domain outside ASCII is sent as punycode).',
    example: 'hana.private@example.org',
  })
  @IsString()
  @Trim()
  @NormaliseAddress()
  @IsMailAddress()
  to!: string;

  @ApiPropertyOptional({
    description:
      'The temporary password just made (the API keeps none to send). Accepted only while it is the mailbox’s current password and must still be changed; omit it to send the sheet without a password.',
    format: 'password',
    writeOnly: true,
    example: 'kite-ribbon-5823-amber',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  temporaryPassword?: string;
}

export class HandoverSentResponseDto {
  @ApiProperty({ example: 'hana.private@example.org', description: 'Where the sheet went.' })
  sentTo!: string;

  @ApiProperty({ description: 'Whether the message holds the temporary password.' })
  passwordIncluded!: boolean;
}
