import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import { Trim } from '../../../common/validators/decorators.js';

export class LoginDto {
  @ApiProperty({
    description: 'An admin account’s email or a mailbox address.',
    example: 'alice@example.com',
  })
  @IsString()
  @Trim()
  @MinLength(1)
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class LoginMfaDto {
  @ApiProperty({ description: 'The `challenge` from the first step.' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  challenge!: string;

  @ApiProperty({
    description: 'A 6-digit code from the authenticator app, or an unused recovery code.',
    example: '492039',
  })
  @IsString()
  @Trim()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}
