import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attempts in flight. A guess (password, 2FA code) reserves its place here before it is
 * verified, in the statement that counts failures and reservations against the limit,
 * so parallel requests cannot all pass the check before any failure is recorded.
 * A reservation is the time it was made; one older than 30 s is ignored (its process
 * died), so a crash cannot lock an account for good.
 */
export class ThrottleReservations1796300000000 implements MigrationInterface {
  name = 'ThrottleReservations1796300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE "auth_throttle" ADD "reservations" TIMESTAMP WITH TIME ZONE array NOT NULL DEFAULT '{}'`,
    );
    await db.query(
      `ALTER TABLE "login_challenge" ADD "reservations" TIMESTAMP WITH TIME ZONE array NOT NULL DEFAULT '{}'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "login_challenge" DROP COLUMN "reservations"`);
    await db.query(`ALTER TABLE "auth_throttle" DROP COLUMN "reservations"`);
  }
}
