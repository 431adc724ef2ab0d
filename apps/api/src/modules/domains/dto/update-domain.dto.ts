import { DomainSettingsDto } from './domain-settings.dto.js';

/** A domain's name cannot change: every address in it depends on it. */
export class UpdateDomainDto extends DomainSettingsDto {}
