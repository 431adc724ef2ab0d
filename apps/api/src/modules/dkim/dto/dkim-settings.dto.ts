import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DKIM_OVERLAP_DAYS_MAX,
  DKIM_OVERLAP_DAYS_MIN,
  DKIM_ROTATION_DAYS_MAX,
  DKIM_ROTATION_DAYS_MIN,
} from '#contracts';

/** A domain's DKIM schedule; PUT replaces both fields. */
export class DkimSettingsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: DKIM_ROTATION_DAYS_MIN,
    maximum: DKIM_ROTATION_DAYS_MAX,
    example: 182,
    description:
      'Start a rotation once the signing key is this many days old (182: about every 6 months). null (or absent): never by itself, only by `POST …/dkim-keys/rotate`.',
  })
  @IsOptional()
  @IsInt()
  @Min(DKIM_ROTATION_DAYS_MIN)
  @Max(DKIM_ROTATION_DAYS_MAX)
  dkimRotationDays?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: DKIM_OVERLAP_DAYS_MIN,
    maximum: DKIM_OVERLAP_DAYS_MAX,
    example: 7,
    description:
      'After a rotation, how many days the replaced key stays in DNS before it is retired. null (or absent): the server’s DKIM_RETIRE_AFTER_DAYS.',
  })
  @IsOptional()
  @IsInt()
  @Min(DKIM_OVERLAP_DAYS_MIN)
  @Max(DKIM_OVERLAP_DAYS_MAX)
  dkimOverlapDays?: number | null;
}

export class DkimSettingsOwnDto {
  @ApiProperty({ type: Number, nullable: true })
  dkimRotationDays!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  dkimOverlapDays!: number | null;
}

export class DkimSettingsValuesDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null: no schedule.' })
  dkimRotationDays!: number | null;

  @ApiProperty({ example: 7 })
  dkimOverlapDays!: number;
}

export class DkimSettingsResponseDto {
  @ApiProperty({ type: DkimSettingsOwnDto, description: 'What the domain sets (null: default).' })
  own!: DkimSettingsOwnDto;

  @ApiProperty({ type: DkimSettingsValuesDto, description: 'What the rotation uses.' })
  effective!: DkimSettingsValuesDto;

  @ApiProperty({
    type: DkimSettingsValuesDto,
    description: 'What the server gives a domain that sets nothing: what a null in `own` means.',
  })
  inherited!: DkimSettingsValuesDto;
}
