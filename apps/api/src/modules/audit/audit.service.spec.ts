import { redactSecrets } from './audit.service.js';

describe('redactSecrets', () => {
  it('drops secret-looking keys at any depth and keeps the rest', () => {
    const redacted = redactSecrets({
      address: 'alice@example.com',
      password: 'hunter2-hunter2',
      nested: {
        passwordHash: '{ARGON2ID}…',
        token: 'ybn_x',
        keep: 1,
        list: [{ secret: 's', ok: true }],
      },
      temporaryPassword: 'Abcde-Fghij',
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(redacted).toEqual({
      address: 'alice@example.com',
      nested: { keep: 1, list: [{ ok: true }] },
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
