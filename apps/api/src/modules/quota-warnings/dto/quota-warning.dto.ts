import { IsIn, IsString, MaxLength } from 'class-validator';
import { QUOTA_WARNING_PERCENTS, type QuotaWarningPercent } from '#contracts';

/** What Dovecot's quota_warning script sends: whose mailbox crossed which threshold. */
export class QuotaWarningDto {
  /** Dovecot's %u: the mailbox's address, lowercase. */
  @IsString()
  @MaxLength(320)
  address!: string;

  @IsIn(QUOTA_WARNING_PERCENTS)
  percent!: QuotaWarningPercent;
}
