import { ApiProperty } from '@nestjs/swagger';

/** The rules a new password must meet; the UI's strength meter evaluates the same. */
export class PasswordPolicyDto {
  @ApiProperty({ example: 12 })
  minLength!: number;

  @ApiProperty({ example: 256 })
  maxLength!: number;

  @ApiProperty({ description: 'zxcvbn score, 0–4.', example: 3 })
  minScore!: number;
}
