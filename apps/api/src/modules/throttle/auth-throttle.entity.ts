import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed attempts per key (`ip:…`, `account:…`), shared by every Yubin instance.
 * Keys for accounts are the address as typed, existing or not, so the lock itself
 * tells nothing about which accounts exist.
 */
@Entity('auth_throttle')
export class AuthThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 300, collation: 'C' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz' })
  lastFailureAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** When each attempt in flight was reserved (see `throttle-policy.ts`). */
  @Column({ type: 'timestamptz', array: true, default: () => "'{}'" })
  reservations!: Date[];
}
