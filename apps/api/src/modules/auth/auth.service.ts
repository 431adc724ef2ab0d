import { Inject, Injectable } from '@nestjs/common';
import { ROLE_PERMISSIONS } from '#contracts';
import type { Principal, RequestContext } from '../../common/auth/principal.js';
import { UnauthenticatedError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { PasswordHasher } from '../../infra/crypto/password-hasher.js';
import { randomToken, sha256Hex } from '../../infra/crypto/random-secrets.js';
import { AdminAccountsRepository } from './admin-accounts.repository.js';
import type { LoginDto } from './dto/login.dto.js';
import type { UserResponseDto } from './dto/user-response.dto.js';
import { SessionsRepository } from './sessions.repository.js';

export interface LoginMeta {
  ip: string | undefined;
  userAgent: string;
}

export interface LoginResult {
  sessionToken: string;
  maxAgeSeconds: number;
  user: UserResponseDto;
}

function invalidCredentials(): UnauthenticatedError {
  return new UnauthenticatedError('INVALID_CREDENTIALS', 'The email or password is wrong.');
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AdminAccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Unknown accounts, inactive accounts and wrong passwords all take one password
   * verification and give the same answer, so the response reveals nothing.
   */
  async login(dto: LoginDto, meta: LoginMeta): Promise<LoginResult> {
    const email = dto.email.toLowerCase();
    const account = await this.accounts.findByEmailWithHash(email);
    if (account === null || account.passwordHash === null || !account.active) {
      await this.hasher.verifyDummy(dto.password);
      throw invalidCredentials();
    }
    const check = await this.hasher.verify(account.passwordHash, dto.password);
    if (!check.valid) throw invalidCredentials();

    const now = new Date();
    const rehash = check.needsRehash ? await this.hasher.hash(dto.password) : undefined;
    await this.accounts.recordLogin(account.id, now, rehash);
    const sessionToken = randomToken(32);
    const maxAgeSeconds = this.config.sessions.absoluteTimeoutSeconds;
    const sessionId = await this.sessions.insert({
      tokenHash: sha256Hex(sessionToken),
      adminId: account.id,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent.slice(0, 512),
    });
    const principal: Principal = {
      accountId: account.id,
      email: account.email,
      role: account.role,
      via: 'session',
      sessionId,
      permissions: new Set(ROLE_PERMISSIONS[account.role]),
      domainScope: { kind: 'all' },
    };
    return { sessionToken, maxAgeSeconds, user: toUserResponse(principal) };
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (ctx.principal.sessionId !== undefined) await this.sessions.delete(ctx.principal.sessionId);
  }

  me(ctx: RequestContext): UserResponseDto {
    return toUserResponse(ctx.principal);
  }
}

export function toUserResponse(principal: Principal): UserResponseDto {
  return {
    id: principal.accountId,
    email: principal.email,
    role: principal.role,
    permissions: [...principal.permissions].sort(),
    domainIds: principal.domainScope.kind === 'all' ? null : [...principal.domainScope.domainIds],
    via: principal.via,
  };
}
