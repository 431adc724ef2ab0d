import { ApiProperty } from '@nestjs/swagger';
import { TOKEN_SCOPES, type TokenScope } from '#contracts';

export class ApiTokenResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'HR provisioning script' })
  name!: string;

  @ApiProperty({ description: 'The start of the token, to recognise it.', example: 'ybn_Xk3f9QaZ' })
  tokenHint!: string;

  @ApiProperty({ enum: TOKEN_SCOPES, isArray: true })
  scopes!: TokenScope[];

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'The domains the token is limited to; null for every domain its owner can reach.',
    example: ['example.com'],
  })
  domains!: string[] | null;

  @ApiProperty({ format: 'uuid', description: 'The admin account the token acts for.' })
  ownerId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Updated at most once a minute.',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedApiTokenResponseDto extends ApiTokenResponseDto {
  @ApiProperty({
    description: 'The token. Shown only in this response: store it now.',
    example: 'ybn_Xk3f9QaZ2mT8vR1pL6sD0wE4yU7iO5aB9cN3hJ2gK1f',
  })
  token!: string;
}
