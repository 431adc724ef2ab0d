import type { RequestContext } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../common/errors/app-error.js';
import type { Database } from '../../infra/database/database.js';
import { Clock } from '../../infra/clock/clock.js';
import { loadConfig } from '../../infra/config/app-config.js';
import type { AuditService } from '../audit/audit.service.js';
import { PasswordPolicyService } from '../passwords/password-policy.service.js';
import { PasswordStrengthEstimator } from '../passwords/password-strength.estimator.js';
import type { DomainEntity } from './domain.entity.js';
import type { DomainsRepository } from './domains.repository.js';
import { DomainsService } from './domains.service.js';

function context(scope: RequestContext['principal']['domainScope']): RequestContext {
  return {
    principal: {
      subject: { kind: 'admin', id: 'a1' },
      adminAccountId: 'a1',
      email: 'root@example.com',
      role: 'superadmin',
      via: 'session',
      restriction: undefined,
      permissions: new Set(['domains:write']),
      domainScope: scope,
    },
    ip: '127.0.0.1',
    requestId: 'r1',
  };
}

function domain(overrides: Partial<DomainEntity> = {}): DomainEntity {
  const now = new Date();
  return {
    id: 'd1',
    name: 'example.com',
    description: '',
    active: true,
    maxMailboxes: 0,
    maxAliases: 0,
    defaultQuotaBytes: '0',
    maxQuotaBytes: '0',
    quotaBytes: '0',
    mailHostname: null,
    language: null,
    mailboxCount: 0,
    aliasCount: 0,
    usedBytes: '0',
    passwordMinLength: null,
    passwordMinScore: null,
    twoFactorPolicy: 'optional',
    twoFactorGraceDays: 7,
    twoFactorRequiredSince: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function setup(repository: Partial<Record<keyof DomainsRepository, unknown>>) {
  const db = { transaction: <T>(work: () => Promise<T>) => work() } as unknown as Database;
  const audit = { record: vi.fn().mockResolvedValue(undefined) };
  const service = new DomainsService(
    db,
    repository as DomainsRepository,
    audit as unknown as AuditService,
    new PasswordPolicyService(loadConfig({}), new PasswordStrengthEstimator()),
    new Clock(),
    loadConfig({ DEFAULT_MAILBOX_QUOTA_BYTES: '1000' }),
  );
  return { service, audit };
}

describe(DomainsService.name, () => {
  it('creates a domain, recording the audit event in the same unit of work', async () => {
    const insert = vi.fn().mockResolvedValue(domain());
    const { service, audit } = setup({
      lockName: vi.fn().mockResolvedValue(undefined),
      isNameTaken: vi.fn().mockResolvedValue(false),
      insert,
    });
    const result = await service.create(context({ kind: 'all' }), {
      name: 'example.com',
      maxQuotaBytes: 500,
    });
    expect(insert).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'example.com',
        maxQuotaBytes: '500',
        defaultQuotaBytes: '500',
      }),
    );
    expect(result.version).toBe(1);
    await service.create(context({ kind: 'all' }), { name: 'example.org' });
    expect(insert).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'example.org', defaultQuotaBytes: '1000' }),
    );
    expect(audit.record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ action: 'domain.create', targetId: 'example.com' }),
    );
  });

  it('lets only an administrator of all domains create one', async () => {
    const { service } = setup({});
    await expect(
      service.create(context({ kind: 'some', domainIds: ['d1'] }), { name: 'x.example' }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('refuses a taken name and inconsistent quotas', async () => {
    const { service } = setup({ lockName: vi.fn(), isNameTaken: vi.fn().mockResolvedValue(true) });
    await expect(service.create(context({ kind: 'all' }), { name: 'example.com' })).rejects.toThrow(
      ConflictError,
    );
    await expect(
      service.create(context({ kind: 'all' }), {
        name: 'example.com',
        quotaBytes: 10,
        maxQuotaBytes: 20,
      }),
    ).rejects.toThrow(ValidationError);
  });

  it('refuses to delete a domain with mailboxes unless forced', async () => {
    const remove = vi.fn();
    const { service } = setup({
      findByNameForUpdate: vi.fn().mockResolvedValue(domain({ mailboxCount: 3 })),
      delete: remove,
    });
    await expect(
      service.delete(context({ kind: 'all' }), 'example.com', false, undefined),
    ).rejects.toMatchObject({
      code: 'DOMAIN_NOT_EMPTY',
    });
    expect(remove).not.toHaveBeenCalled();
    await service.delete(context({ kind: 'all' }), 'example.com', true, undefined);
    expect(remove).toHaveBeenCalledWith('d1');
  });

  it('refuses to lower a limit below what the domain holds', async () => {
    const { service } = setup({
      findByNameForUpdate: vi.fn().mockResolvedValue(domain({ mailboxCount: 5 })),
    });
    await expect(
      service.update(context({ kind: 'all' }), 'example.com', { maxMailboxes: 4 }, undefined),
    ).rejects.toMatchObject({ code: 'DOMAIN_LIMIT_BELOW_USAGE' });
  });
});
