import { Controller, Get, Headers, Param, ParseEnumPipe, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SENDER_RULE_KINDS, type SenderRuleKind } from '#contracts';
import { MailServerMap } from '../../common/auth/access.decorators.js';
import type { MapAnswer } from './rspamd-map-render.js';
import { RspamdMapsService } from './rspamd-maps.service.js';

function send(response: Response, answer: MapAnswer): string {
  response.status(answer.status);
  response.setHeader('ETag', answer.etag);
  response.setHeader('Last-Modified', answer.lastModified);
  response.setHeader('Cache-Control', 'no-cache');
  response.type('text/plain');
  return answer.body;
}

/**
 * Internal: the maps Rspamd fetches (ADR 0013), for the mail server only (the key of
 * MAIL_AUTH_POLICY_SECRET, from MAIL_SERVER_ADDRESSES), so left out of the OpenAPI
 * document. Their formats are Rspamd's.
 */
@ApiExcludeController()
@Controller('internal/rspamd')
export class RspamdMapsController {
  constructor(private readonly maps: RspamdMapsService) {}

  @Get('sender-rules/:kind')
  @MailServerMap()
  async rspamdSenderRules(
    @Param('kind', new ParseEnumPipe(SENDER_RULE_KINDS)) kind: SenderRuleKind,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('if-modified-since') ifModifiedSince: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return send(response, await this.maps.senderRules(kind, { ifNoneMatch, ifModifiedSince }));
  }

  @Get('settings')
  @MailServerMap()
  async rspamdSettings(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('if-modified-since') ifModifiedSince: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return send(response, await this.maps.settings({ ifNoneMatch, ifModifiedSince }));
  }
}
