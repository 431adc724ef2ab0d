import { PASSWORD_ISSUE_CODES } from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ADMIN_ROLES, PASSWORD_MAX_LENGTH, type AdminRole } from '#contracts';
import {
  IsDomainName,
  IsMailAddress,
  NormaliseAddress,
  NormaliseDomain,
  Omittable,
} from '../../../common/validators/decorators.js';

const ROLE_DESCRIPTION =
  '`superadmin`: everything. `domain-admin`: full rights on its domains. `helpdesk`: reset passwords and 2FA, unlock accounts, issue and revoke app passwords in its domains.';

export class CreateAdminDto {
  @ApiProperty({
    description:
      "Whom the role is granted to. If a mailbox has this address, the admin signs in with the mailbox’s password and 2FA; otherwise a standalone admin account is created. In a hosted domain the part before the @ is limited as a mailbox's is (letters, digits and . _ - + ').",
    example: 'helpdesk@example.com',
  })
  @IsString()
  @NormaliseAddress()
  @IsMailAddress()
  @FieldErrors('isLocalPart', 'unsupportedLocalPartCharacter')
  email!: string;

  @ApiProperty({ enum: ADMIN_ROLES, description: ROLE_DESCRIPTION, example: 'helpdesk' })
  @IsIn(ADMIN_ROLES)
  role!: AdminRole;

  @ApiPropertyOptional({
    type: [String],
    description:
      'The domains of a domain admin or helpdesk account (at least one). Not for a superadmin.',
    example: ['example.com'],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @NormaliseDomain()
  @IsDomainName({ each: true })
  @FieldErrors('superadminHasAllDomains', 'required', 'unknownDomain')
  domains?: string[];

  @ApiPropertyOptional({
    description:
      'For a standalone account only. Omit to generate a temporary password, shown once, that must be changed at first sign-in.',
    format: 'password',
    writeOnly: true,
    example: 'Plum-orbit-cascade-41-Kyoto',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors(...PASSWORD_ISSUE_CODES)
  password?: string;
}

export class UpdateAdminDto {
  @ApiPropertyOptional({ enum: ADMIN_ROLES, description: ROLE_DESCRIPTION, example: 'helpdesk' })
  @Omittable()
  @IsIn(ADMIN_ROLES)
  role?: AdminRole;

  @ApiPropertyOptional({
    type: [String],
    description: 'Replaces the domain list.',
    example: ['example.com'],
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @NormaliseDomain()
  @IsDomainName({ each: true })
  @FieldErrors('superadminHasAllDomains', 'required', 'unknownDomain')
  domains?: string[];

  @ApiPropertyOptional({
    description: 'An inactive role grants nothing; a standalone account cannot sign in.',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class AdminResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'helpdesk@example.com' })
  email!: string;

  @ApiProperty({
    enum: ['admin', 'mailbox'],
    description:
      '`mailbox`: signs in with the mailbox of the same address. `admin`: a standalone account.',
  })
  kind!: 'admin' | 'mailbox';

  @ApiProperty({ enum: ADMIN_ROLES })
  role!: AdminRole;

  @ApiProperty({ type: [String], description: 'Empty for a superadmin, who reaches every domain.' })
  domains!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  twoFactorEnabled!: boolean;

  @ApiProperty({
    description: 'A standalone account that must choose a new password at next sign-in.',
  })
  mustChangePassword!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedAdminResponseDto extends AdminResponseDto {
  @ApiPropertyOptional({
    description: 'The generated password of a new standalone account, shown only now.',
  })
  temporaryPassword?: string;
}
