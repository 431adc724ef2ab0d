import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import { ForbiddenError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { Clock } from '../../infra/clock/clock.js';
import type { UserResponseDto } from './dto/user-response.dto.js';
import { twoFactorRequirement } from './two-factor-enforcement.js';
import { IdentitiesRepository } from './identities.repository.js';
import type { Identity } from './identity.js';

/** The mailbox a principal signs in as, for the self-service routes under /me. */
export interface OwnMailbox {
  id: string;
  address: string;
  domainId: string;
  domainName: string;
}

/** How a signed-in principal is shown to itself (login, GET /me). */
@Injectable()
export class UserProfilesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identities: IdentitiesRepository,
    private readonly clock: Clock,
  ) {}

  async describe(principal: Principal, identity?: Identity): Promise<UserResponseDto> {
    const who = identity ?? (await this.identities.findBySubject(principal.subject));
    const requirement =
      who === undefined
        ? { required: false, deadline: undefined }
        : twoFactorRequirement(who, this.config.security, this.clock.now());
    return {
      id: principal.subject.id,
      kind: principal.subject.kind,
      email: principal.email,
      displayName: who?.displayName ?? '',
      role: principal.role ?? null,
      permissions: [...principal.permissions].sort(),
      domains:
        principal.domainScope.kind === 'all'
          ? null
          : await this.identities.domainNames(principal.domainScope.domainIds),
      via: principal.via,
      restriction: principal.restriction ?? null,
      twoFactor: {
        enabled: who?.totpEnabled ?? false,
        required: requirement.required,
        deadline: requirement.deadline?.toISOString() ?? null,
      },
      language: who?.language ?? null,
      effectiveLanguage: who?.language ?? who?.domain?.language ?? 'en',
    };
  }

  /** The principal's own mailbox; 403 NOT_A_MAILBOX_USER for an account without one. */
  async ownMailbox(principal: Principal, what: string): Promise<OwnMailbox> {
    const identity = await this.identities.findBySubject(principal.subject);
    if (identity?.domain === undefined) {
      throw new ForbiddenError(
        'NOT_A_MAILBOX_USER',
        `${what} belong to mailboxes; this account has none.`,
      );
    }
    return {
      id: identity.subject.id,
      address: identity.email,
      domainId: identity.domain.id,
      domainName: identity.domain.name,
    };
  }
}
