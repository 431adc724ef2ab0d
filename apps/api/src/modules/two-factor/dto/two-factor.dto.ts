import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, RECOVERY_CODE_COUNT } from '#contracts';
import { Omittable, Trim } from '../../../common/validators/decorators.js';

export class TotpEnrolmentResponseDto {
  @ApiProperty({
    description: 'The shared secret in Base32, to type in when the QR code cannot be scanned.',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;

  @ApiProperty({
    example:
      'otpauth://totp/Yubin:alice%40example.com?secret=…&issuer=Yubin&algorithm=SHA1&digits=6&period=30',
  })
  otpauthUri!: string;

  @ApiProperty({ description: 'The otpauth URI as a QR code, an SVG document.' })
  qrSvg!: string;
}

export class TotpCodeDto {
  @ApiProperty({
    description: 'The 6-digit code the authenticator app shows now.',
    example: '492039',
  })
  @IsString()
  @Trim()
  @MinLength(6)
  @MaxLength(6)
  @FieldErrors('invalidCode')
  code!: string;
}

export class RecoveryCodesResponseDto {
  @ApiProperty({
    type: [String],
    description: `${RECOVERY_CODE_COUNT} single-use codes for when the authenticator is lost. Shown only now.`,
    example: ['k7mq2-vx9rt', 'p3hd8-w2nce'],
  })
  recoveryCodes!: string[];
}

export class TwoFactorStatusResponseDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt!: string | null;

  @ApiProperty({ description: 'Unused recovery codes left.' })
  recoveryCodesRemaining!: number;

  @ApiProperty({ description: 'A policy asks this account for 2FA.' })
  required!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Sign-in without 2FA ends then.',
  })
  deadline!: string | null;

  @ApiProperty({
    description:
      'A policy (the domain’s, or the rule for admins) applies to this account whether or not 2FA is on yet; while it does, 2FA cannot be turned off.',
  })
  requiredByPolicy!: boolean;
}

/** Turning 2FA off needs proof: a current code (or recovery code), or the password. */
export class DisableTwoFactorDto {
  @ApiPropertyOptional({ description: 'A current 6-digit code or a recovery code.' })
  @Omittable()
  @IsString()
  @Trim()
  @MinLength(6)
  @MaxLength(32)
  @FieldErrors('codeOrPassword', 'invalidCode')
  code?: string;

  @ApiPropertyOptional({ format: 'password', writeOnly: true })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @FieldErrors('incorrect')
  password?: string;
}
