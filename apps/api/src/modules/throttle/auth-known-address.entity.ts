import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where an account last signed in successfully, per client address (`ip:…`): an address
 * lock does not refuse a mail login of an account known there (see throttle-policy.ts).
 */
@Entity('auth_known_address')
export class AuthKnownAddressEntity {
  /** `account:<address as typed>`, as in auth_throttle. */
  @PrimaryColumn({ type: 'varchar', length: 300, collation: 'C' })
  accountKey!: string;

  /** `ip:<address>`, as in auth_throttle. */
  @PrimaryColumn({ type: 'varchar', length: 100, collation: 'C' })
  clientKey!: string;

  @Column({ type: 'timestamptz' })
  lastSuccessAt!: Date;
}
