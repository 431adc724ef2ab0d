import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../../../common/validators/decorators.js';

export class DeleteDomainQueryDto {
  @ApiPropertyOptional({
    description: 'Delete the domain with all its mailboxes, aliases and alias domains.',
    default: false,
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  force: boolean = false;
}
