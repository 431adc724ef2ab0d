import { Clock } from '../../infra/clock/clock.js';
import { sha256Hex } from '../../infra/crypto/random-secrets.js';
import type { Database } from '../../infra/database/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentitiesRepository } from '../identities/identities.repository.js';
import type { Identity } from '../identities/identity.js';
import type { ApiTokensRepository, StoredToken } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';

const TOKEN = 'ybn_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function token(overrides: Partial<StoredToken> = {}): StoredToken {
  return {
    id: 't1',
    scopes: ['mailboxes:write'],
    allDomains: false,
    domainIds: ['d1'],
    expiresAt: null,
    ownerId: 'a1',
    ...overrides,
  };
}

function owner(role: Identity['role']): Identity {
  return {
    subject: { kind: 'admin', id: 'a1' },
    email: 'owner@example.com',
    displayName: '',
    mustChangePassword: false,
    createdAt: new Date(),
    totpEnabled: false,
    language: null,
    domain: undefined,
    role,
  };
}

const SUPERADMIN = owner({ adminAccountId: 'a1', role: 'superadmin', active: true, domainIds: [] });

function serviceWith(found: StoredToken | undefined, tokenOwner: Identity | null = SUPERADMIN) {
  const repository = {
    findByHash: vi.fn().mockResolvedValue(found),
    touch: vi.fn().mockResolvedValue(undefined),
  };
  const identities = { findAdminAccount: vi.fn().mockResolvedValue(tokenOwner ?? undefined) };
  const service = new ApiTokensService(
    {} as Database,
    repository as unknown as ApiTokensRepository,
    {} as AuditService,
    identities as unknown as IdentitiesRepository,
    new Clock(),
  );
  return { service, repository };
}

describe(ApiTokensService.name, () => {
  it('looks the token up by its SHA-256 and narrows the owner to the token’s scopes and domains', async () => {
    const { service, repository } = serviceWith(token());
    const principal = await service.authenticate(TOKEN);
    expect(repository.findByHash).toHaveBeenCalledWith(sha256Hex(TOKEN));
    expect(repository.touch).toHaveBeenCalledWith('t1', expect.any(Date));
    expect(principal).toMatchObject({
      adminAccountId: 'a1',
      via: 'token',
      tokenId: 't1',
      role: 'superadmin',
    });
    expect([...(principal?.permissions ?? [])].sort()).toEqual([
      'mailboxes:credentials',
      'mailboxes:read',
      'mailboxes:write',
    ]);
    expect(principal?.domainScope).toEqual({ kind: 'some', domainIds: ['d1'] });
  });

  it('never gives a token more than its owner holds now', async () => {
    const helpdesk = owner({
      adminAccountId: 'a1',
      role: 'helpdesk',
      active: true,
      domainIds: ['d2'],
    });
    const { service } = serviceWith(
      token({ scopes: ['mailboxes:write', 'domains:write'], allDomains: true }),
      helpdesk,
    );
    const principal = await service.authenticate(TOKEN);
    expect([...(principal?.permissions ?? [])].sort()).toEqual([
      'domains:read',
      'mailboxes:credentials',
      'mailboxes:read',
    ]);
    expect(principal?.domainScope).toEqual({ kind: 'some', domainIds: ['d2'] });
  });

  it('keeps a token limited to no domains at no domains', async () => {
    const { service } = serviceWith(token({ allDomains: false, domainIds: [] }));
    expect((await service.authenticate(TOKEN))?.domainScope).toEqual({
      kind: 'some',
      domainIds: [],
    });
  });

  it.each([
    ['an expired token', token({ expiresAt: new Date(Date.now() - 1000) }), SUPERADMIN],
    [
      'a token whose owner lost the role',
      token(),
      owner({ adminAccountId: 'a1', role: 'superadmin', active: false, domainIds: [] }),
    ],
    ['a token whose owner is gone', token(), null],
    ['an unknown token', undefined, SUPERADMIN],
  ])('refuses %s', async (_case, found, tokenOwner) => {
    const { service, repository } = serviceWith(found, tokenOwner);
    expect(await service.authenticate(TOKEN)).toBeUndefined();
    expect(repository.touch).not.toHaveBeenCalled();
  });

  it('does not even look up a string without the token prefix', async () => {
    const { service, repository } = serviceWith(token());
    expect(await service.authenticate('Bearer-something')).toBeUndefined();
    expect(repository.findByHash).not.toHaveBeenCalled();
  });
});
