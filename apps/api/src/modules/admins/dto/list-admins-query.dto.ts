import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';
import type { CursorShape } from '../../../common/pagination/cursor.js';

export const ADMIN_CURSOR: CursorShape<'email'> = { values: { email: 'text' }, id: 'uuid' };

/** Sorted by email; `q` is an email prefix. */
export class ListAdminsQueryDto extends ListQueryDto {}
