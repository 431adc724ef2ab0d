import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailServerMap } from '../../common/auth/access.decorators.js';
import { QuotaWarningDto } from './dto/quota-warning.dto.js';
import { QuotaWarningsService } from './quota-warnings.service.js';

/**
 * Internal: Dovecot's quota_warning script reports a mailbox that crossed a threshold
 * (the mail server's key, from MAIL_SERVER_ADDRESSES), so it is left out of the OpenAPI
 * document. The answer is the warning message to deliver, in the mailbox's language.
 */
@ApiExcludeController()
@Controller('internal/dovecot')
export class QuotaWarningsController {
  constructor(private readonly warnings: QuotaWarningsService) {}

  @Post('quota-warning')
  @HttpCode(200)
  @MailServerMap()
  @Header('Content-Type', 'message/rfc822; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  dovecotQuotaWarning(@Body() dto: QuotaWarningDto): Promise<string> {
    return this.warnings.warn(dto.address, dto.percent);
  }
}
