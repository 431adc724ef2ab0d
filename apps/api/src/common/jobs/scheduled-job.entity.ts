import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a scheduled job may next run. Every API process ticks, and the one whose claim
 * moves `next_run_at` forward runs the job: once per interval across all processes.
 */
@Entity('scheduled_job')
export class ScheduledJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'timestamptz' })
  nextRunAt!: Date;
}
