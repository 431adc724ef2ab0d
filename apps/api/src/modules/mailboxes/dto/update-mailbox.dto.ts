import { MailboxSettingsDto } from './mailbox-settings.dto.js';

export class UpdateMailboxDto extends MailboxSettingsDto {}
