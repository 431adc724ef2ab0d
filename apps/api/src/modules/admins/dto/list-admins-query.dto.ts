import { ListQueryDto } from '../../../common/pagination/list-query.dto.js';

/** Sorted by email; `q` is an email prefix. */
export class ListAdminsQueryDto extends ListQueryDto {}
