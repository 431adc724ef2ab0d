import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';

export const DOMAIN_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type DomainSort = (typeof DOMAIN_SORTS)[number];

export class ListDomainsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    enum: DOMAIN_SORTS,
    default: 'name',
    description: '`-` sorts descending.',
  })
  @IsOptional()
  @IsIn(DOMAIN_SORTS)
  sort: DomainSort = 'name';
}
