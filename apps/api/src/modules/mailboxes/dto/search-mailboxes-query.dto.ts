import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';

export const MAILBOX_SEARCH_SORTS = ['address', '-address', '-usedRatio'] as const;
export type MailboxSearchSort = (typeof MAILBOX_SEARCH_SORTS)[number];
export const MAILBOX_SEARCH_CURSOR: CursorShape<MailboxSearchSort> = {
  values: { address: 'text', usedRatio: 'number' },
  id: 'uuid',
};

export class SearchMailboxesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    enum: MAILBOX_SEARCH_SORTS,
    default: 'address',
    description: '`-usedRatio`: fullest first (only mailboxes with a quota). `-` sorts descending.',
  })
  @IsOptional()
  @IsIn(MAILBOX_SEARCH_SORTS)
  sort: MailboxSearchSort = 'address';

  @ApiPropertyOptional({
    description:
      'Only mailboxes with a quota that are at least this full (0–1), e.g. 0.8 for "near quota".',
    minimum: 0,
    maximum: 1,
    example: 0.8,
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minUsedRatio?: number;
}
