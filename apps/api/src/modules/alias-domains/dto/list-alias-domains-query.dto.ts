import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import { IsDomainName, NormaliseDomain } from '../../../common/validators/decorators.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';

export const ALIAS_DOMAIN_SORTS = ['name', '-name'] as const;
export type AliasDomainSort = (typeof ALIAS_DOMAIN_SORTS)[number];
export const ALIAS_DOMAIN_CURSOR: CursorShape<AliasDomainSort> = {
  values: { name: 'text' },
  id: 'uuid',
};

export class ListAliasDomainsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ALIAS_DOMAIN_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(ALIAS_DOMAIN_SORTS)
  sort: AliasDomainSort = 'name';

  @ApiPropertyOptional({
    description: 'Only alias domains of this domain.',
    example: 'example.com',
  })
  @IsOptional()
  @IsString()
  @NormaliseDomain()
  @IsDomainName()
  targetDomain?: string;
}
