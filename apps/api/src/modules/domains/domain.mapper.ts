import type { PasswordPolicy } from '#contracts';
import { toUnicodeDomain } from '../../common/validators/domain-name.js';
import type { DomainEntity } from './domain.entity.js';
import type { DomainResponseDto } from './dto/domain-response.dto.js';
import type { DomainQuotaSettings } from './domain-rules.js';

export function toDomainResponse(
  domain: DomainEntity,
  passwordPolicy: PasswordPolicy,
): DomainResponseDto {
  return {
    name: domain.name,
    unicodeName: toUnicodeDomain(domain.name),
    description: domain.description,
    active: domain.active,
    maxMailboxes: domain.maxMailboxes,
    maxAliases: domain.maxAliases,
    defaultQuotaBytes: Number(domain.defaultQuotaBytes),
    maxQuotaBytes: Number(domain.maxQuotaBytes),
    quotaBytes: Number(domain.quotaBytes),
    mailboxCount: domain.mailboxCount,
    aliasCount: domain.aliasCount,
    usedBytes: Number(domain.usedBytes),
    passwordMinLength: domain.passwordMinLength,
    passwordMinScore: domain.passwordMinScore,
    passwordPolicy,
    twoFactorPolicy: domain.twoFactorPolicy,
    twoFactorGraceDays: domain.twoFactorGraceDays,
    twoFactorRequiredSince: domain.twoFactorRequiredSince?.toISOString() ?? null,
    mailHostname: domain.mailHostname,
    language: domain.language,
    createdAt: domain.createdAt.toISOString(),
    updatedAt: domain.updatedAt.toISOString(),
  };
}

export function quotaSettingsOf(domain: DomainEntity): DomainQuotaSettings {
  return {
    defaultQuotaBytes: Number(domain.defaultQuotaBytes),
    maxQuotaBytes: Number(domain.maxQuotaBytes),
    quotaBytes: Number(domain.quotaBytes),
  };
}
