import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsDomainName, NormaliseDomain } from '../../../common/validators/decorators.js';
import { DomainSettingsDto } from './domain-settings.dto.js';

export class CreateDomainDto extends DomainSettingsDto {
  @ApiProperty({
    description: 'The domain name. Internationalised names are accepted and stored as punycode.',
    example: 'example.com',
  })
  @IsString()
  @NormaliseDomain()
  @IsDomainName()
  name!: string;
}
