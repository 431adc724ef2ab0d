import { ScheduledJobEntity } from '../../common/jobs/scheduled-job.entity.js';
import { AliasDomainEntity } from '../../modules/alias-domains/alias-domain.entity.js';
import { AliasEntity } from '../../modules/aliases/alias.entity.js';
import { AppPasswordEntity } from '../../modules/app-passwords/app-password.entity.js';
import { ApiTokenEntity } from '../../modules/api-tokens/api-token.entity.js';
import { AuditEventEntity } from '../../modules/audit/audit-event.entity.js';
import { AuthKnownAddressEntity } from '../../modules/throttle/auth-known-address.entity.js';
import { AuthThrottleEntity } from '../../modules/throttle/auth-throttle.entity.js';
import { LoginChallengeEntity } from '../../modules/auth/login-challenge.entity.js';
import { AdminAccountEntity } from '../../modules/identities/admin-account.entity.js';
import { SessionEntity } from '../../modules/sessions/session.entity.js';
import { DomainEntity } from '../../modules/domains/domain.entity.js';
import { IdempotencyRecordEntity } from '../../modules/idempotency/idempotency-record.entity.js';
import { RecoveryCodeEntity } from '../../modules/two-factor/recovery-code.entity.js';
import { TotpFactorEntity } from '../../modules/two-factor/totp-factor.entity.js';
import { MailboxEntity } from '../../modules/mailboxes/mailbox.entity.js';
import { DnsRecordCheckEntity } from '../../modules/dns/dns-record-check.entity.js';
import { DkimKeyEntity } from '../../modules/dkim/dkim-key.entity.js';
import { DkimSettingsEntity } from '../../modules/dkim/dkim-settings.entity.js';
import { DnsSettingsEntity } from '../../modules/dns/dns-settings.entity.js';
import { DnsPublishedRrsetEntity } from '../../modules/dns/publishing/dns-published-rrset.entity.js';
import { DnsPublishingEntity } from '../../modules/dns/publishing/dns-publishing.entity.js';
import { SenderRuleEntity } from '../../modules/spam/sender-rule.entity.js';
import { SpamPolicyEntity } from '../../modules/spam/spam-policy.entity.js';

/** Every entity, listed explicitly: the migration drift gate compares exactly these. */
export const ENTITIES = [
  DomainEntity,
  AliasDomainEntity,
  MailboxEntity,
  AliasEntity,
  AdminAccountEntity,
  SessionEntity,
  ApiTokenEntity,
  AuditEventEntity,
  IdempotencyRecordEntity,
  LoginChallengeEntity,
  AuthThrottleEntity,
  AuthKnownAddressEntity,
  TotpFactorEntity,
  RecoveryCodeEntity,
  AppPasswordEntity,
  SpamPolicyEntity,
  SenderRuleEntity,
  DnsSettingsEntity,
  DnsRecordCheckEntity,
  DkimKeyEntity,
  DkimSettingsEntity,
  DnsPublishingEntity,
  DnsPublishedRrsetEntity,
  ScheduledJobEntity,
];
