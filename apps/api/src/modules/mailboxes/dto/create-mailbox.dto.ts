import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsLocalPart, NormaliseLocalPart } from '../../../common/validators/decorators.js';
import { MailboxSettingsDto } from './mailbox-settings.dto.js';

/** Without `password`, a temporary one is generated, returned once, and must be changed. */
export class CreateMailboxDto extends MailboxSettingsDto {
  @ApiProperty({ description: 'The part before the @; stored in lowercase.', example: 'alice' })
  @IsString()
  @NormaliseLocalPart()
  @IsLocalPart()
  localPart!: string;
}
