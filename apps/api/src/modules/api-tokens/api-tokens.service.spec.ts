import { sha256Hex } from '../../infra/crypto/random-secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../../infra/database/database.js';
import type { ApiTokensRepository, TokenWithOwner } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';

const TOKEN = 'ybn_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const NOW = new Date('2026-11-29T10:00:00Z');

function token(overrides: Partial<TokenWithOwner> = {}): TokenWithOwner {
  return {
    id: 't1',
    scopes: ['mailboxes:write'],
    allDomains: false,
    domainIds: ['d1'],
    expiresAt: null,
    lastUsedAt: null,
    ownerId: 'a1',
    ownerEmail: 'root@example.com',
    ownerRole: 'superadmin',
    ownerActive: true,
    ...overrides,
  };
}

function serviceWith(found: TokenWithOwner | undefined) {
  const repository = {
    findByHash: vi.fn().mockResolvedValue(found),
    touch: vi.fn().mockResolvedValue(undefined),
  };
  const service = new ApiTokensService(
    {} as Database,
    repository as unknown as ApiTokensRepository,
    {} as AuditService,
  );
  return { service, repository };
}

describe(ApiTokensService.name, () => {
  it('looks the token up by its SHA-256 and narrows the owner to the token’s scopes and domains', async () => {
    const { service, repository } = serviceWith(token());
    const principal = await service.authenticate(TOKEN, NOW);
    expect(repository.findByHash).toHaveBeenCalledWith(sha256Hex(TOKEN));
    expect(repository.touch).toHaveBeenCalledWith('t1', NOW);
    expect(principal).toMatchObject({ accountId: 'a1', via: 'token', tokenId: 't1' });
    expect([...(principal?.permissions ?? [])].sort()).toEqual([
      'mailboxes:read',
      'mailboxes:write',
    ]);
    expect(principal?.domainScope).toEqual({ kind: 'some', domainIds: ['d1'] });
  });

  it('gives a token for all domains its owner’s whole scope', async () => {
    const { service } = serviceWith(token({ allDomains: true, domainIds: [] }));
    expect((await service.authenticate(TOKEN, NOW))?.domainScope).toEqual({ kind: 'all' });
  });

  it('keeps a token limited to no domains at no domains', async () => {
    const { service } = serviceWith(token({ allDomains: false, domainIds: [] }));
    expect((await service.authenticate(TOKEN, NOW))?.domainScope).toEqual({
      kind: 'some',
      domainIds: [],
    });
  });

  it.each([
    ['an expired token', token({ expiresAt: new Date('2026-11-29T09:59:59Z') })],
    ['a token whose owner is disabled', token({ ownerActive: false })],
    ['an unknown token', undefined],
  ])('refuses %s', async (_case, found) => {
    const { service, repository } = serviceWith(found);
    expect(await service.authenticate(TOKEN, NOW)).toBeUndefined();
    expect(repository.touch).not.toHaveBeenCalled();
  });

  it('does not even look up a string without the token prefix', async () => {
    const { service, repository } = serviceWith(token());
    expect(await service.authenticate('Bearer-something', NOW)).toBeUndefined();
    expect(repository.findByHash).not.toHaveBeenCalled();
  });
});
