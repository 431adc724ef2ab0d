import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import {
  DKIM_ALGORITHMS,
  DKIM_KEY_STATES,
  type DkimAlgorithm,
  type DkimKeyState,
} from '#contracts';
import { FieldErrors } from '../../../common/validators/field-error-codes.js';
import { IsDkimSelector, Trim } from '../../../common/validators/decorators.js';
import { Transform } from 'class-transformer';

export class CreateDkimKeyDto {
  @ApiProperty({
    enum: DKIM_ALGORITHMS,
    description:
      '`rsa-2048`: every verifier knows it. `ed25519` (RFC 8463): short, but not every receiver verifies it yet; sign with both by rotating between them only if you know your receivers.',
  })
  @IsIn(DKIM_ALGORITHMS)
  algorithm!: DkimAlgorithm;

  @ApiPropertyOptional({
    description:
      'One DNS label (lowercased). Absent: `y<year>q<quarter><letter>`, e.g. `y2026q4a`, the first free one.',
    example: 'y2026q4a',
    maxLength: 63,
  })
  @IsOptional()
  @Trim()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @IsString()
  @IsDkimSelector()
  @FieldErrors('selectorTaken')
  selector?: string;
}

export class RotateDkimKeysDto {
  @ApiPropertyOptional({
    enum: DKIM_ALGORITHMS,
    description: 'The new key’s type. Absent: the same as the signing key’s (`rsa-2048` if none).',
  })
  @IsOptional()
  @IsIn(DKIM_ALGORITHMS)
  algorithm?: DkimAlgorithm;
}

export class DkimKeyResponseDto {
  @ApiProperty({ example: 'y2026q4a' })
  selector!: string;

  @ApiProperty({ enum: DKIM_ALGORITHMS })
  algorithm!: DkimAlgorithm;

  @ApiProperty({
    enum: DKIM_KEY_STATES,
    description:
      '`published`: in DNS, not signing yet. `active`: signs the domain’s mail. `retiring`: replaced, still in DNS until `retireAfter`. `retired`: withdrawn from DNS.',
  })
  state!: DkimKeyState;

  @ApiProperty({ description: 'The public key, the record’s `p=` (base64).' })
  publicKey!: string;

  @ApiProperty({
    description: 'Where the record goes: absolute, punycode.',
    example: 'y2026q4a._domainkey.example.com.',
  })
  dnsName!: string;

  @ApiProperty({
    description: 'The TXT record as a zone file has it: quoted strings of at most 255 bytes.',
  })
  dnsValue!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When it started signing.',
  })
  activatedAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When a newer key took over.',
  })
  retiringAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When its record leaves DNS (a retiring key): the date it retires.',
  })
  retireAfter!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  retiredAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      'The signing key only, when the domain rotates on a schedule (`dkim-settings`) and no rotation is under way: when the next one starts.',
  })
  rotatesAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the signer first reported a message signed with it; null: not yet.',
  })
  firstSignedAt!: string | null;
}

export class DkimKeysResponseDto {
  @ApiProperty({ type: [DkimKeyResponseDto], description: 'Newest first.' })
  keys!: DkimKeyResponseDto[];
}
