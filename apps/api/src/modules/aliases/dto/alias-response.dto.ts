import { ApiProperty } from '@nestjs/swagger';

export class AliasResponseDto {
  @ApiProperty({
    description: '`local@domain`, or `@domain` for the catch-all.',
    example: 'sales@example.com',
  })
  address!: string;

  @ApiProperty({ description: 'Empty for the catch-all.', example: 'sales' })
  localPart!: string;

  @ApiProperty({ example: 'example.com' })
  domain!: string;

  @ApiProperty({
    description: 'True for the domain’s catch-all: mail to any address without a mailbox or alias.',
  })
  catchAll!: boolean;

  @ApiProperty({ type: [String], example: ['alice@example.com', 'bob@example.org'] })
  destinations!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
