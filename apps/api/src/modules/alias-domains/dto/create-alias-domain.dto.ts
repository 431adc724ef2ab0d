import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsDomainName, NormaliseDomain } from '../../../common/validators/decorators.js';

export class CreateAliasDomainDto {
  @ApiProperty({ description: 'The additional domain name.', example: 'example.net' })
  @IsString()
  @NormaliseDomain()
  @IsDomainName()
  name!: string;

  @ApiProperty({
    description: 'The domain whose mailboxes and aliases receive its mail.',
    example: 'example.com',
  })
  @IsString()
  @NormaliseDomain()
  @IsDomainName()
  targetDomain!: string;
}
