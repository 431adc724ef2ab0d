import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';
import { QueryBoolean } from '../../../common/validators/decorators.js';

export const ALIAS_SORTS = ['address', '-address', 'createdAt', '-createdAt'] as const;
export type AliasSort = (typeof ALIAS_SORTS)[number];
export const ALIAS_CURSOR: CursorShape<AliasSort> = {
  values: { address: 'text', createdAt: 'time' },
  id: 'uuid',
};

export class ListAliasesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    enum: ALIAS_SORTS,
    default: 'address',
    description: '`-` sorts descending.',
  })
  @IsOptional()
  @IsIn(ALIAS_SORTS)
  sort: AliasSort = 'address';

  @ApiPropertyOptional({
    description:
      '`true`: only the catch-all (`@domain`), an empty page when there is none; `false`: only ordinary aliases. Absent: both.',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  catchAll?: boolean;
}
