import { inject } from 'vitest';
import { deliver, inboxSubjects, rcptCode, waitForSubject } from './support/clients.js';
import {
  api,
  expectStatus,
  newDomain,
  newMailbox,
  unique,
  type TestMailbox,
} from './support/api.js';

describe.skipIf(inject('mail') === undefined)('aliases, alias domains and catch-alls', () => {
  let domain: string;
  let aliasDomain: string;
  let alice: TestMailbox;
  let bob: TestMailbox;
  let catcher: TestMailbox;

  beforeAll(async () => {
    const admin = await api();
    domain = await newDomain();
    alice = await newMailbox({ domain });
    bob = await newMailbox({ domain });
    catcher = await newMailbox({ domain });
    await expectStatus(
      admin.post(`/api/v1/domains/${domain}/aliases`, {
        body: { localPart: 'sales', destinations: [bob.address] },
      }),
      201,
    );
    await expectStatus(
      admin.post(`/api/v1/domains/${domain}/aliases`, {
        body: { address: `@${domain}`, destinations: [catcher.address] },
      }),
      201,
    );
    aliasDomain = `${unique('alias')}.example`;
    await expectStatus(
      admin.post('/api/v1/alias-domains', { body: { name: aliasDomain, targetDomain: domain } }),
      201,
    );
  });

  it('delivers an alias to its destination, not to the catch-all (exact beats catch-all)', async () => {
    const subject = unique('alias-');
    await deliver({ to: `sales@${domain}`, subject });
    await waitForSubject(bob.address, bob.password, subject);
    expect(await inboxSubjects(catcher.address, catcher.password)).not.toContain(subject);
  });

  it("keeps a mailbox's own address deliverable when the domain has a catch-all", async () => {
    const subject = unique('own-');
    await deliver({ to: alice.address, subject });
    await waitForSubject(alice.address, alice.password, subject);
    expect(await inboxSubjects(catcher.address, catcher.password)).not.toContain(subject);
  });

  it('delivers an unknown address to the catch-all', async () => {
    const subject = unique('catchall-');
    await deliver({ to: `${unique('nobody')}@${domain}`, subject });
    await waitForSubject(catcher.address, catcher.password, subject);
  });

  it('delivers user@alias-domain to user@domain, and aliases through the alias domain', async () => {
    const own = unique('aliasdomain-own-');
    const viaAlias = unique('aliasdomain-alias-');
    const alicePart = alice.address.split('@')[0] as string;
    await deliver({ to: `${alicePart}@${aliasDomain}`, subject: own });
    await deliver({ to: `sales@${aliasDomain}`, subject: viaAlias });
    await waitForSubject(alice.address, alice.password, own);
    await waitForSubject(bob.address, bob.password, viaAlias);
  });

  it("gives an alias domain its target's catch-all", async () => {
    const subject = unique('aliasdomain-catchall-');
    await deliver({ to: `${unique('nobody')}@${aliasDomain}`, subject });
    await waitForSubject(catcher.address, catcher.password, subject);
  });

  it('refuses unknown users at RCPT (550) in a domain without a catch-all', async () => {
    const plain = await newDomain();
    expect(await rcptCode(`${unique('nobody')}@${plain}`)).toBe(550);
  });

  it('does not relay for domains it does not host', async () => {
    expect(await rcptCode(`someone@${unique('unhosted')}.example`)).not.toBe(250);
  });
});
