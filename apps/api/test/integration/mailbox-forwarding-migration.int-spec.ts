import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { createDatabase, migrate, migrationNamed } from '../support/test-database.js';

const DOMAIN = 'forwarding.example';

/** What the mail server does with the domain's mail: routes, and who may send as whom. */
async function mailServerView(db: DataSource): Promise<unknown> {
  return {
    routes: await db.query(
      `SELECT source, destination FROM mailserver.virtual_aliases
        WHERE source LIKE $1 ORDER BY source, destination`,
      [`%@${DOMAIN}`],
    ),
    senders: await db.query(
      `SELECT sender, login FROM mailserver.sender_logins
        WHERE sender LIKE $1 ORDER BY sender, login`,
      [`%@${DOMAIN}`],
    ),
  };
}

async function mailboxes(db: DataSource): Promise<unknown[]> {
  return db.query(
    `SELECT address, forward_to AS "forwardTo", keep_copy AS "keepCopy", deleted_at IS NOT NULL AS deleted
       FROM mailbox ORDER BY address, deleted`,
  );
}

async function aliases(db: DataSource): Promise<unknown[]> {
  return db.query(`SELECT address, destinations, active FROM alias ORDER BY address`);
}

describe('the mailbox forwarding migration', () => {
  it('turns each alias at a mailbox’s address into that mailbox’s forwarding, with the same delivery, and back', async () => {
    const database = await createDatabase(inject('adminDatabaseUrl'), 'yubin_forwarding');
    try {
      await migrate(database.url);
      const db = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
      try {
        const at = MIGRATIONS.indexOf(migrationNamed('MailboxForwarding1796310000000'));
        for (let i = MIGRATIONS.length - 1; i >= at; i--) {
          await db.undoLastMigration({ transaction: 'each' });
        }
        // The old model: an alias at a mailbox's own address is its forwarding.
        const [{ id }] = await db.query<[{ id: string }]>(
          `INSERT INTO domain (name) VALUES ($1) RETURNING id`,
          [DOMAIN],
        );
        const addressOf = (local: string) => `${local}@${DOMAIN}`;
        const box = (local: string, state: { active?: boolean; deleted?: boolean } = {}) =>
          db.query(
            `INSERT INTO mailbox (domain_id, local_part, address, password_hash, active, deleted_at)
             VALUES ($1, $2, $3, '{PLAIN}x', $4, CASE WHEN $5 THEN now() END)`,
            [id, local, addressOf(local), state.active ?? true, state.deleted ?? false],
          );
        const alias = (local: string, destinations: string[], active = true) =>
          db.query(
            `INSERT INTO alias (domain_id, address, local_part, destinations, active)
             VALUES ($1, $2, $3, $4, $5)`,
            [id, addressOf(local), local, destinations, active],
          );
        for (const local of ['copy', 'away', 'idle', 'self', 'sales-team']) await box(local);
        await box('off', { active: false });
        await box('gone', { deleted: true });
        await alias('copy', [addressOf('copy'), 'one@elsewhere.example']);
        await alias('away', ['two@elsewhere.example', addressOf('sales-team')]);
        await alias('idle', ['three@elsewhere.example'], false);
        await alias('self', [addressOf('self')]);
        await alias('off', ['five@elsewhere.example']);
        await alias('gone', ['four@elsewhere.example']);
        await alias('sales', [addressOf('copy'), addressOf('away')]);
        const before = await mailServerView(db);
        const aliasesBefore = await aliases(db);

        await db.runMigrations({ transaction: 'each' });
        expect(await mailServerView(db)).toEqual(before);
        expect(await mailboxes(db)).toEqual([
          {
            address: addressOf('away'),
            forwardTo: ['two@elsewhere.example', addressOf('sales-team')],
            keepCopy: false,
            deleted: false,
          },
          {
            address: addressOf('copy'),
            forwardTo: ['one@elsewhere.example'],
            keepCopy: true,
            deleted: false,
          },
          {
            address: addressOf('gone'),
            forwardTo: ['four@elsewhere.example'],
            keepCopy: false,
            deleted: true,
          },
          { address: addressOf('idle'), forwardTo: [], keepCopy: true, deleted: false },
          {
            address: addressOf('off'),
            forwardTo: ['five@elsewhere.example'],
            keepCopy: false,
            deleted: false,
          },
          { address: addressOf('sales-team'), forwardTo: [], keepCopy: true, deleted: false },
          { address: addressOf('self'), forwardTo: [], keepCopy: true, deleted: false },
        ]);
        expect(await aliases(db)).toEqual([
          {
            address: addressOf('sales'),
            destinations: [addressOf('copy'), addressOf('away')],
            active: true,
          },
        ]);
        const [{ alias_count }] = await db.query<[{ alias_count: number }]>(
          `SELECT alias_count FROM domain WHERE id = $1`,
          [id],
        );
        expect(alias_count).toBe(1);

        // down() gives each forwarding back as an alias at the address, with the same delivery.
        await db.undoLastMigration({ transaction: 'each' });
        expect(await mailServerView(db)).toEqual(before);
        expect(aliasesBefore).toEqual(expect.arrayContaining(await aliases(db)));
      } finally {
        await db.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
