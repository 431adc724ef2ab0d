import type { AliasEntity } from './alias.entity.js';
import type { AliasResponseDto } from './dto/alias-response.dto.js';
import { domainOf } from '../../common/validators/address.js';

export function toAliasResponse(alias: AliasEntity): AliasResponseDto {
  return {
    address: alias.address,
    localPart: alias.localPart,
    domain: domainOf(alias.address),
    catchAll: alias.localPart === '',
    destinations: alias.destinations,
    active: alias.active,
    createdAt: alias.createdAt.toISOString(),
    updatedAt: alias.updatedAt.toISOString(),
  };
}
