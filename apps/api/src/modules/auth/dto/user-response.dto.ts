import { ApiProperty } from '@nestjs/swagger';
import { ADMIN_ROLES, TOKEN_SCOPES, type AdminRole, type Permission } from '#contracts';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'admin@example.com' })
  email!: string;

  @ApiProperty({ enum: ADMIN_ROLES })
  role!: AdminRole;

  @ApiProperty({
    enum: TOKEN_SCOPES,
    isArray: true,
    description: 'What you may do in this session or with this token.',
  })
  permissions!: Permission[];

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Ids of the domains you are limited to; null for all domains.',
  })
  domainIds!: string[] | null;

  @ApiProperty({ enum: ['session', 'token'] })
  via!: 'session' | 'token';
}

export class LoginResponseDto {
  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;
}
