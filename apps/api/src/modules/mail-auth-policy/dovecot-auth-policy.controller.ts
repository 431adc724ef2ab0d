import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailServer } from '../../common/auth/access.decorators.js';
import { MailAuthPolicyService, type DovecotPolicyVerdict } from './mail-auth-policy.service.js';

/**
 * Internal: Dovecot's auth policy server, called by the mail server only (with the key in
 * MAIL_AUTH_POLICY_SECRET), never by users or scripts, so it is left out of the OpenAPI
 * document. Its protocol is Dovecot's, not this API's conventions.
 */
@ApiExcludeController()
@Controller('internal/dovecot')
export class DovecotAuthPolicyController {
  constructor(private readonly policy: MailAuthPolicyService) {}

  @Post('auth-policy')
  @HttpCode(200)
  @MailServer()
  dovecotAuthPolicy(
    @Query('command') command: unknown,
    @Body() body: unknown,
  ): Promise<DovecotPolicyVerdict> {
    return this.policy.answer(command, body);
  }
}
