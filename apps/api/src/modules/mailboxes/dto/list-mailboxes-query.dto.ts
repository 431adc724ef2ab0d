import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { QueryBoolean } from '../../../common/validators/decorators.js';
import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';

export const MAILBOX_SORTS = ['address', '-address', 'createdAt', '-createdAt'] as const;
export type MailboxSort = (typeof MAILBOX_SORTS)[number];
export const MAILBOX_CURSOR: CursorShape<MailboxSort> = {
  values: { address: 'text', createdAt: 'time' },
  id: 'uuid',
};

export class ListMailboxesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    enum: MAILBOX_SORTS,
    default: 'address',
    description: '`-` sorts descending.',
  })
  @IsOptional()
  @IsIn(MAILBOX_SORTS)
  sort: MailboxSort = 'address';

  @ApiPropertyOptional({
    description:
      'List soft-deleted mailboxes (restorable until the retention period ends) instead of live ones.',
    default: false,
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  deleted: boolean = false;
}
