import { FieldErrors } from '../../../common/validators/field-error-codes.js';
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
      'A hash imported from another mail system, as Dovecot writes it: {SHA512-CRYPT}, {SHA256-CRYPT}, {BLF-CRYPT}, {ARGON2I}, {ARGON2ID} or {SSHA512}. Needs the mailboxes:import permission. Replaced by argon2id at the next web sign-in. Every wrong-password sign-in verifies it, so its cost is bounded by the configured argon2id cost (m, t, p); at the default m=32768, t=3, p=1: SHA512-CRYPT at most 24576 rounds, SHA256-CRYPT at most 32768 (without rounds=, 5000; 5000 is always accepted), BLF-CRYPT at most cost 12 (never above 13), argon2 at most 4 times our memory and lanes (and 229376 KiB, what Dovecot verifies) and 8 times our m·t. A costlier hash is refused with 422 PASSWORD_HASH_TOO_COSTLY; malformed parameters with 422 VALIDATION_FAILED.',
    example:
      '{SHA512-CRYPT}$6$saltsaltsalt$o14.d6BwYlZzAkJftkCY5vGcFs0xvJUaVpQmTqWrTnEGrUDlVuXORaKPPPA0ftlXpQ1rJQw75QhWL/mGZKJly.',
    writeOnly: true,
  })
  @Omittable()
  @IsString()
  @MaxLength(512)
  @FieldErrors('passwordOrHash', 'unsupportedHash', 'tooCostly')
  passwordHash?: string;
}
