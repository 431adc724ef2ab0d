import { inject } from 'vitest';
import { expectStatus, api, newMailbox, unique } from './support/api.js';
import { submit, withImap } from './support/clients.js';
import { publish, signatureTags, verdict } from './support/dkim.js';

interface DkimKey {
  selector: string;
  algorithm: string;
  state: string;
  dnsName: string;
  dnsValue: string;
}

/** The raw message with this subject in the mailbox's INBOX, once it is there. */
async function source(
  user: string,
  password: string,
  subject: string,
): Promise<string | undefined> {
  return withImap(user, password, async (client) => {
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    if (mailbox.exists === 0) return undefined;
    for await (const message of client.fetch('1:*', { envelope: true, source: true })) {
      if (message.envelope?.subject === subject) return message.source?.toString('utf8');
    }
    return undefined;
  });
}

/**
 * Submits messages until one arrives signed: Rspamd polls the signer's maps every 2 s, so
 * the first message after a key is made may still leave unsigned.
 */
async function signedMessage(
  sender: { address: string; password: string },
  recipient: { address: string; password: string },
): Promise<string> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const subject = unique('dkim-');
    await submit({
      user: sender.address,
      password: sender.password,
      from: sender.address,
      to: recipient.address,
      subject,
    });
    let raw: string | undefined;
    for (let i = 0; i < 50 && raw === undefined; i += 1) {
      raw = await source(recipient.address, recipient.password, subject);
      if (raw === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (raw === undefined) throw new Error(`"${subject}" was not delivered`);
    if (/^DKIM-Signature:/im.test(raw)) return raw;
    if (Date.now() > deadline) throw new Error(`never signed; last message:\n${raw}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** The domain's line of /dns-status once its first signed message is known (Rspamd reports it). */
async function firstSignedAt(domain: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await expectStatus<{
      items: { domain: string; firstSignedAt: string | null }[];
    }>((await api()).get('/api/v1/dns-status'), 200);
    const line = status.items.find((item) => item.domain === domain);
    if (line === undefined) throw new Error(`${domain} is not in /dns-status`);
    if (line.firstSignedAt !== null) return line.firstSignedAt;
    if (Date.now() > deadline) throw new Error(`${domain}: no signed message reported`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.skipIf(inject('mail') === undefined)('DKIM signing with the key from Yubin', () => {
  it.each([
    ['rsa-2048', 'rsa-sha256'],
    ['ed25519', 'ed25519-sha256'],
  ])(
    'signs submitted mail with the domain’s %s key; dkimpy passes it and fails a tampered copy',
    async (algorithm, signatureAlgorithm) => {
      // Under yubin.test, the zone the suite's Knot serves.
      const domain = `${unique('dkim')}.yubin.test`;
      const sender = await newMailbox({ domain: await createDomain(domain) });
      const recipient = await newMailbox();
      const key = await expectStatus<DkimKey>(
        (await api()).post(`/api/v1/domains/${domain}/dkim-keys`, { body: { algorithm } }),
        201,
      );
      expect(key.state).toBe('active');
      // The record exactly as GET …/dns-records lists it.
      const records = await expectStatus<{ records: { name: string; value: string }[] }>(
        (await api()).get(`/api/v1/domains/${domain}/dns-records`),
        200,
      );
      const record = records.records.find((r) => r.name === key.dnsName);
      expect(record?.value).toBe(key.dnsValue);
      await publish(key.dnsName, record!.value);
      const before = await expectStatus<{
        items: { domain: string; firstSignedAt: string | null }[];
      }>((await api()).get('/api/v1/dns-status'), 200);
      expect(before.items.find((item) => item.domain === domain)?.firstSignedAt).toBeNull();

      const submittedFrom = Date.now();
      const raw = await signedMessage(sender, recipient);
      const tags = signatureTags(raw);
      expect(tags.get('d')).toBe(domain);
      expect(tags.get('s')).toBe(key.selector);
      expect(tags.get('a')).toBe(signatureAlgorithm);
      expect(await verdict(raw)).toBe('pass');

      const tampered = raw.replace(/This is dkim-/, 'This is not dkim-');
      expect(tampered).not.toBe(raw);
      expect(await verdict(tampered)).toBe('fail');

      // Rspamd told Yubin: the setup checklist's last step is done, and the key says so.
      const signedAt = await firstSignedAt(domain);
      expect(Date.parse(signedAt)).toBeGreaterThanOrEqual(submittedFrom - 1000);
      const keys = await expectStatus<{ keys: { selector: string; firstSignedAt: string }[] }>(
        (await api()).get(`/api/v1/domains/${domain}/dkim-keys`),
        200,
      );
      expect(keys.keys.find((k) => k.selector === key.selector)?.firstSignedAt).toBe(signedAt);
    },
    120_000,
  );

  it('does not sign mail of a domain without an active key', async () => {
    const recipient = await newMailbox();
    const sender = await newMailbox();
    const subject = unique('unsigned-');
    await submit({
      user: sender.address,
      password: sender.password,
      from: sender.address,
      to: recipient.address,
      subject,
    });
    let raw: string | undefined;
    for (let i = 0; i < 100 && raw === undefined; i += 1) {
      raw = await source(recipient.address, recipient.password, subject);
      if (raw === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(raw).toBeDefined();
    expect(raw).not.toMatch(/^DKIM-Signature:/im);
  });
});

async function createDomain(name: string): Promise<string> {
  await expectStatus((await api()).post('/api/v1/domains', { body: { name } }), 201);
  return name;
}
