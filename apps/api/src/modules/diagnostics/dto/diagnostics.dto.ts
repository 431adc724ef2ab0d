import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DIAGNOSTIC_ACTIONS,
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_STATUSES,
  type DiagnosticAction,
  type DiagnosticCode,
  type DiagnosticStatus,
} from '#contracts';
import { Trim } from '../../../common/validators/decorators.js';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';

export class DiagnosticsQueryDto {
  @ApiPropertyOptional({
    description:
      'For “I don’t receive mail from …”: also check whether a sender rule blocks this sender.',
    example: 'newsletter@shop.example',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(320)
  @FieldErrors('isMailAddress')
  from?: string;
}

export class DiagnosticActionDto {
  @ApiProperty({ enum: DIAGNOSTIC_ACTIONS })
  code!: DiagnosticAction;

  @ApiProperty({ description: 'A button label in the request’s language.' })
  label!: string;
}

export class DiagnosticCheckDto {
  @ApiProperty({ enum: DIAGNOSTIC_STATUSES })
  status!: DiagnosticStatus;

  @ApiProperty({ enum: DIAGNOSTIC_CODES })
  code!: DiagnosticCode;

  @ApiProperty({
    description: 'What was found, in plain words, in the request’s language (en, ja).',
  })
  message!: string;

  @ApiProperty({
    type: DiagnosticActionDto,
    nullable: true,
    description:
      'What fixes it, when you may do it (an admin action needs its permission); null when the check passes.',
  })
  action!: DiagnosticActionDto | null;
}

export class DiagnosticsResponseDto {
  @ApiProperty({ type: [DiagnosticCheckDto] })
  checks!: DiagnosticCheckDto[];
}
