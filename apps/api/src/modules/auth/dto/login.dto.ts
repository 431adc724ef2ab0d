import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '#contracts';
import { Trim } from '../../../common/validators/decorators.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
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
