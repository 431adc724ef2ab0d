import pg from 'pg';
import { inject } from 'vitest';
import { stack } from './support/clients.js';
import { newMailbox } from './support/api.js';

const ADMIN_TABLES = [
  'admin_account',
  'session',
  'api_token',
  'api_token_domain',
  'audit_event',
  'idempotency_record',
  'mailbox',
  'alias',
  'domain',
  'alias_domain',
];

async function asRole<T>(role: string, password: string, work: (client: pg.Client) => Promise<T>) {
  const url = new URL(stack().databaseUrl);
  url.username = role;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function sqlState(client: pg.Client, query: string): Promise<string | undefined> {
  try {
    await client.query(query);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe.skipIf(inject('mail') === undefined)('the daemons’ database roles', () => {
  it('the reader reads the views and nothing else (permission denied)', async () => {
    const mailbox = await newMailbox();
    await asRole(stack().roles.reader, stack().rolePasswords.reader, async (client) => {
      const { rows } = await client.query(
        'SELECT username FROM mailserver.passdb WHERE username = $1 AND service = $2',
        [mailbox.address, 'imap'],
      );
      expect(rows).toEqual([{ username: mailbox.address }]);
      for (const table of ADMIN_TABLES) {
        expect([table, await sqlState(client, `SELECT * FROM public.${table} LIMIT 1`)]).toEqual([
          table,
          '42501',
        ]);
      }
      expect(await sqlState(client, 'SELECT * FROM mailserver.quota_usage')).toBe('42501');
      expect(
        await sqlState(client, "INSERT INTO mailserver.quota_usage (username) VALUES ('x@y.z')"),
      ).toBe('42501');
    });
  });

  it('the quota writer writes usage and reads neither the views nor the admin tables', async () => {
    const mailbox = await newMailbox();
    await asRole(stack().roles.quotaWriter, stack().rolePasswords.quotaWriter, async (client) => {
      for (const table of ADMIN_TABLES) {
        expect([table, await sqlState(client, `SELECT * FROM public.${table} LIMIT 1`)]).toEqual([
          table,
          '42501',
        ]);
      }
      expect(await sqlState(client, 'SELECT * FROM mailserver.passdb')).toBe('42501');
      expect(await sqlState(client, 'DELETE FROM mailserver.quota_usage')).toBe('42501');
      await client.query(
        `INSERT INTO mailserver.quota_usage (username, bytes, messages) VALUES ($1, 4096, 1)
         ON CONFLICT (username) DO UPDATE SET bytes = excluded.bytes, messages = excluded.messages`,
        [mailbox.address],
      );
    });
  });
});
