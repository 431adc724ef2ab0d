export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export const PASSWORD_MIN_LENGTH_DEFAULT = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const LOCAL_PART_MAX_OCTETS = 64;
export const ADDRESS_MAX_OCTETS = 254;
export const DOMAIN_MAX_OCTETS = 253;

export const API_TOKEN_PREFIX = 'ybn_';
