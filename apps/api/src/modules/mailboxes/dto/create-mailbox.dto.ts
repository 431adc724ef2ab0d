import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import {
  IsLocalPart,
  NormaliseLocalPart,
  Omittable,
} from '../../../common/validators/decorators.js';
import { MailboxSettingsDto } from './mailbox-settings.dto.js';

/**
 * Without `password` or `passwordHash`, a temporary password is generated, returned
 * once, and must be changed at the first sign-in.
 */
export class CreateMailboxDto extends MailboxSettingsDto {
  @ApiProperty({
    description:
      "The part before the @, stored in lowercase: letters, digits and . _ - + ' (dots between them), what the mail server delivers to and logs in with. Anything else is refused with `unsupportedLocalPartCharacter`.",
    example: 'alice',
  })
  @IsString()
  @NormaliseLocalPart()
  @IsLocalPart()
  localPart!: string;

  @ApiPropertyOptional({
    description:
      'A hash imported from another mail system, as Dovecot writes it: {SHA512-CRYPT}, {SHA256-CRYPT}, {BLF-CRYPT}, {ARGON2I}, {ARGON2ID} or {SSHA512}. Needs the mailboxes:import permission. Replaced by argon2id at the next web sign-in.',
    example:
      '{SHA512-CRYPT}$6$saltsaltsalt$o14.d6BwYlZzAkJftkCY5vGcFs0xvJUaVpQmTqWrTnEGrUDlVuXORaKPPPA0ftlXpQ1rJQw75QhWL/mGZKJly.',
    writeOnly: true,
  })
  @Omittable()
  @IsString()
  @MaxLength(512)
  passwordHash?: string;
}
