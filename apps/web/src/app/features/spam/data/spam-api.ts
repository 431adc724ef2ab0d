import { inject, Injectable } from '@angular/core';
import {
  Api,
  type CreateSenderRuleDto,
  type SenderRulePageDto,
  type SenderRuleResponseDto,
  type SpamPolicyDto,
  type SpamPolicyResponseDto,
} from '@yubin/api-client';
import {
  createDomainSenderRule,
  createMailboxSenderRule,
  createMySenderRule,
  deleteDomainSenderRule,
  deleteMailboxSenderRule,
  deleteMySenderRule,
  getDomainSpamPolicy,
  getMailboxSpamPolicy,
  getMySpamPolicy,
  listDomainSenderRules,
  listMailboxSenderRules,
  listMySenderRules,
  putDomainSpamPolicy,
  putMailboxSpamPolicy,
  putMySpamPolicy,
} from '@yubin/api-client/functions';
import type { SenderRuleKind, SenderRuleLevel } from '#contracts';
import { firstValueFrom, map, type Observable } from 'rxjs';
import type { Versioned } from '../../../shared/data/versioned';

export type VersionedPolicy = Versioned<SpamPolicyResponseDto>;

/** One level's spam policy: a domain's, a mailbox's (for its admin), or the user's own. */
export interface SpamPolicySource {
  /** `domain` sets the domain's; `mailbox` an admin's overrides; `self` a user's own. */
  readonly level: 'domain' | 'mailbox' | 'self';
  get(): Promise<VersionedPolicy>;
  save(body: SpamPolicyDto, etag: string | undefined): Promise<VersionedPolicy>;
}

export interface SenderRuleQuery {
  cursor?: string | undefined;
  kind?: SenderRuleKind | undefined;
  inherited: boolean;
}

/** One list of sender rules, and the level its own rules have. */
export interface SenderRuleSource {
  readonly level: SenderRuleLevel;
  list(query: SenderRuleQuery): Observable<SenderRulePageDto>;
  create(body: CreateSenderRuleDto, idempotencyKey: string): Promise<SenderRuleResponseDto>;
  remove(id: string): Promise<void>;
}

const PAGE = 50;

/** Spam policies and sender rules through the generated client. */
@Injectable({ providedIn: 'root' })
export class SpamApi {
  private readonly api = inject(Api);

  private versioned(
    response: Observable<{
      body: SpamPolicyResponseDto;
      headers: { get(name: string): string | null };
    }>,
  ): Promise<VersionedPolicy> {
    return firstValueFrom(
      response.pipe(map((r) => ({ value: r.body, etag: r.headers.get('ETag') ?? undefined }))),
    );
  }

  minePolicy(): SpamPolicySource {
    return {
      level: 'self',
      get: () => this.versioned(this.api.invoke$Response(getMySpamPolicy)),
      save: (body, etag) =>
        this.versioned(
          this.api.invoke$Response(putMySpamPolicy, {
            body: {
              addHeaderScore: body.addHeaderScore ?? null,
              junkScore: body.junkScore ?? null,
              rejectScore: body.rejectScore ?? null,
              junkFolder: body.junkFolder ?? null,
            },
            'If-Match': etag,
          }),
        ),
    };
  }

  domainPolicy(domain: string): SpamPolicySource {
    return {
      level: 'domain',
      get: () => this.versioned(this.api.invoke$Response(getDomainSpamPolicy, { domain })),
      save: (body, etag) =>
        this.versioned(
          this.api.invoke$Response(putDomainSpamPolicy, { domain, body, 'If-Match': etag }),
        ),
    };
  }

  mailboxPolicy(address: string): SpamPolicySource {
    return {
      level: 'mailbox',
      get: () => this.versioned(this.api.invoke$Response(getMailboxSpamPolicy, { address })),
      save: (body, etag) =>
        this.versioned(
          this.api.invoke$Response(putMailboxSpamPolicy, { address, body, 'If-Match': etag }),
        ),
    };
  }

  mineRules(): SenderRuleSource {
    return {
      level: 'mailbox',
      list: (query) => this.api.invoke(listMySenderRules, { ...query, limit: PAGE }),
      create: (body, key) =>
        firstValueFrom(this.api.invoke(createMySenderRule, { body, 'Idempotency-Key': key })),
      remove: (id) => firstValueFrom(this.api.invoke(deleteMySenderRule, { id })),
    };
  }

  domainRules(domain: string): SenderRuleSource {
    return {
      level: 'domain',
      list: (query) => this.api.invoke(listDomainSenderRules, { domain, ...query, limit: PAGE }),
      create: (body, key) =>
        firstValueFrom(
          this.api.invoke(createDomainSenderRule, { domain, body, 'Idempotency-Key': key }),
        ),
      remove: (id) => firstValueFrom(this.api.invoke(deleteDomainSenderRule, { domain, id })),
    };
  }

  mailboxRules(address: string): SenderRuleSource {
    return {
      level: 'mailbox',
      list: (query) => this.api.invoke(listMailboxSenderRules, { address, ...query, limit: PAGE }),
      create: (body, key) =>
        firstValueFrom(
          this.api.invoke(createMailboxSenderRule, { address, body, 'Idempotency-Key': key }),
        ),
      remove: (id) => firstValueFrom(this.api.invoke(deleteMailboxSenderRule, { address, id })),
    };
  }
}
