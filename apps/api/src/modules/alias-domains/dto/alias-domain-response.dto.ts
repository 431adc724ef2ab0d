import { ApiProperty } from '@nestjs/swagger';

export class AliasDomainResponseDto {
  @ApiProperty({ example: 'example.net' })
  name!: string;

  @ApiProperty({ example: 'example.net' })
  unicodeName!: string;

  @ApiProperty({
    description: 'Mail to user@name is delivered to user@targetDomain.',
    example: 'example.com',
  })
  targetDomain!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
