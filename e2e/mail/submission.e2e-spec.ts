import { inject } from 'vitest';
import { submit, waitForSubject } from './support/clients.js';
import { api, expectStatus, newMailbox, unique } from './support/api.js';

describe.skipIf(inject('mail') === undefined)('submission with SMTP AUTH', () => {
  it('sends as self and as an owned alias, and refuses (553) anyone else’s address', async () => {
    const sender = await newMailbox();
    const other = await newMailbox({ domain: sender.domain });
    const recipient = await newMailbox();
    await expectStatus(
      (await api()).post(`/api/v1/domains/${sender.domain}/aliases`, {
        body: { localPart: 'team', destinations: [sender.address] },
      }),
      201,
    );
    const asSelf = unique('as-self-');
    const asAlias = unique('as-alias-');
    const credentials = { user: sender.address, password: sender.password, to: recipient.address };
    await submit({ ...credentials, from: sender.address, subject: asSelf });
    await submit({ ...credentials, from: `team@${sender.domain}`, subject: asAlias });
    await waitForSubject(recipient.address, recipient.password, asSelf);
    await waitForSubject(recipient.address, recipient.password, asAlias);

    for (const from of [other.address, 'director@outside.example']) {
      await expect(
        submit({ ...credentials, from, subject: unique('forged-') }),
      ).rejects.toMatchObject({ responseCode: 553 });
    }
  });

  it('refuses a wrong password (535)', async () => {
    const sender = await newMailbox();
    await expect(
      submit({
        user: sender.address,
        password: `${sender.password}x`,
        from: sender.address,
        to: sender.address,
        subject: 'never',
      }),
    ).rejects.toMatchObject({ responseCode: 535 });
  });
});
