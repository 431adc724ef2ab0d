import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';

export const DOMAIN_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type DomainSort = (typeof DOMAIN_SORTS)[number];
export const DOMAIN_CURSOR: CursorShape<DomainSort> = {
  values: { name: 'text', createdAt: 'time' },
  id: 'uuid',
};

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
