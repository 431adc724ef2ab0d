import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ADMIN_ROLES,
  SESSION_RESTRICTIONS,
  TOKEN_SCOPES,
  type AdminRole,
  type Permission,
  type SessionRestriction,
} from '#contracts';
import { LOCALES, type Locale } from '../../../common/i18n/locale.js';

export class TwoFactorSummaryDto {
  @ApiProperty({ description: 'An authenticator app protects this account.' })
  enabled!: boolean;

  @ApiProperty({ description: 'A policy (the domain’s, or the one for admins) asks for 2FA.' })
  required!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When signing in without 2FA stops being possible.',
  })
  deadline!: string | null;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The admin account or mailbox id.' })
  id!: string;

  @ApiProperty({
    enum: ['admin', 'mailbox'],
    description: 'A standalone admin account, or a mailbox.',
  })
  kind!: 'admin' | 'mailbox';

  @ApiProperty({ example: 'alice@example.com' })
  email!: string;

  @ApiProperty({ example: 'Alice Tanaka' })
  displayName!: string;

  @ApiProperty({
    enum: ADMIN_ROLES,
    nullable: true,
    description: 'Null for a mailbox user without a role.',
  })
  role!: AdminRole | null;

  @ApiProperty({
    enum: TOKEN_SCOPES,
    isArray: true,
    description: 'What you may do beyond your own account.',
  })
  permissions!: Permission[];

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'The domains you administer; null for all domains.',
    example: ['example.com'],
  })
  domains!: string[] | null;

  @ApiProperty({ enum: ['session', 'token'] })
  via!: 'session' | 'token';

  @ApiProperty({
    enum: SESSION_RESTRICTIONS,
    nullable: true,
    description: 'Set when this session must first change its password or enrol 2FA.',
  })
  restriction!: SessionRestriction | null;

  @ApiProperty({ type: TwoFactorSummaryDto })
  twoFactor!: TwoFactorSummaryDto;

  @ApiProperty({
    enum: LOCALES,
    type: String,
    nullable: true,
    description:
      'The language you chose for Yubin (for a mailbox, also of the messages Yubin sends you); null: not chosen.',
  })
  language!: Locale | null;

  @ApiProperty({
    enum: LOCALES,
    description: 'The language Yubin writes to you in: yours, else your domain’s, else English.',
  })
  effectiveLanguage!: Locale;
}

export class LoginResponseDto {
  @ApiProperty({
    description: 'True when a second step is needed: POST the challenge to /auth/login/mfa.',
  })
  mfaRequired!: boolean;

  @ApiPropertyOptional({
    description: 'Present when mfaRequired: valid 5 minutes, for at most 5 codes.',
  })
  challenge?: string;

  @ApiPropertyOptional({ type: UserResponseDto, description: 'Present when signed in.' })
  user?: UserResponseDto;
}
