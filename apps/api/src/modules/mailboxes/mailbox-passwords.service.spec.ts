import type { RequestContext } from '../../common/auth/principal.js';
import type { Database } from '../../infra/database/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DomainsService } from '../domains/domains.service.js';
import type { CredentialsService } from '../identities/credentials.service.js';
import type { PasswordPolicyService } from '../passwords/password-policy.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { ThrottleService } from '../throttle/throttle.service.js';
import { MailboxPasswordsService } from './mailbox-passwords.service.js';
import type { MailboxesService } from './mailboxes.service.js';

const MAILBOX = { id: 'm1', address: 'alice@example.com', displayName: 'Alice', domainId: 'd1' };

/** Records, in order, when the lock is taken and when the password is hashed and stored. */
function serviceRecording(steps: string[]) {
  const db = {
    transaction: vi.fn(async (work: () => Promise<unknown>) => {
      steps.push('transaction');
      return work();
    }),
  };
  const mailboxes = {
    require: vi.fn().mockResolvedValue(MAILBOX),
    requireForUpdate: vi.fn(() => {
      steps.push('lock mailbox');
      return Promise.resolve(MAILBOX);
    }),
    target: vi.fn().mockReturnValue({ action: 'mailbox.password-reset' }),
  };
  const credentials = {
    fromInput: vi.fn(() => {
      steps.push('hash');
      return Promise.resolve({ passwordHash: '{ARGON2ID}h', temporaryPassword: 'tmp' });
    }),
    set: vi.fn(() => {
      steps.push('store');
      return Promise.resolve();
    }),
  };
  const service = new MailboxPasswordsService(
    db as unknown as Database,
    mailboxes as unknown as MailboxesService,
    { require: vi.fn().mockResolvedValue({ id: 'd1' }) } as unknown as DomainsService,
    { policyFor: vi.fn().mockReturnValue({}) } as unknown as PasswordPolicyService,
    credentials as unknown as CredentialsService,
    { endAll: vi.fn().mockResolvedValue(0) } as unknown as SessionsService,
    {} as ThrottleService,
    { record: vi.fn().mockResolvedValue(undefined) } as unknown as AuditService,
  );
  return { service, credentials };
}

describe(MailboxPasswordsService.name, () => {
  it('hashes a reset password before it locks the mailbox, and stores it after', async () => {
    const steps: string[] = [];
    const { service, credentials } = serviceRecording(steps);
    const reset = await service.reset({} as RequestContext, MAILBOX.address, {});
    expect(reset).toEqual({ temporaryPassword: 'tmp', mustChangePassword: true });
    expect(steps).toEqual(['hash', 'transaction', 'lock mailbox', 'store']);
    expect(credentials.set).toHaveBeenCalledWith(
      { kind: 'mailbox', id: 'm1' },
      '{ARGON2ID}h',
      true,
    );
  });
});
