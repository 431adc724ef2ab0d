import { ApiProperty } from '@nestjs/swagger';

export class AuditActorDto {
  @ApiProperty({ enum: ['admin', 'system'] })
  type!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  id!: string | null;

  @ApiProperty({ example: 'admin@example.com' })
  label!: string;

  @ApiProperty({ enum: ['session', 'token', 'system'] })
  via!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The API token used, if any.',
  })
  tokenId!: string | null;
}

export class AuditEventResponseDto {
  @ApiProperty({ example: '1042' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ example: 'mailbox.update' })
  action!: string;

  @ApiProperty({ example: 'mailbox' })
  targetType!: string;

  @ApiProperty({ example: 'alice@example.com' })
  target!: string;

  @ApiProperty({ type: String, nullable: true, example: 'example.com' })
  domain!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The resource before the change, secrets removed.',
  })
  before!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The resource after the change, secrets removed.',
  })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;
}
