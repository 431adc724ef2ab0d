import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DkimSignerMap } from '../../common/auth/access.decorators.js';
import { DkimSignerService, type SignerMapAnswer } from './dkim-signer.service.js';
import { DkimSignedDto } from './dto/dkim-signed.dto.js';

function send(response: Response, answer: SignerMapAnswer): string {
  response.status(answer.status);
  response.setHeader('ETag', answer.etag);
  response.setHeader('Cache-Control', 'no-store');
  response.type('text/plain');
  return answer.body;
}

/**
 * Internal: the DKIM signer's maps (ADR 0016), for Rspamd only, with the signer's own key
 * (MAIL_DKIM_SIGNER_SECRET, never given to Postfix or Dovecot) from MAIL_SERVER_ADDRESSES.
 * They carry private keys, so they are left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('internal/rspamd')
export class DkimSignerController {
  constructor(private readonly signer: DkimSignerService) {}

  @Get('dkim-signing-table')
  @DkimSignerMap()
  async rspamdDkimSigningTable(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return send(response, await this.signer.signingTable(ifNoneMatch));
  }

  @Get('dkim-key-table')
  @DkimSignerMap()
  async rspamdDkimKeyTable(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return send(response, await this.signer.keyTable(ifNoneMatch));
  }

  /** Rspamd's metadata_exporter reports each message it signed (ADR 0018). */
  @Post('dkim-signed')
  @HttpCode(204)
  @DkimSignerMap()
  async rspamdDkimSigned(@Body() dto: DkimSignedDto): Promise<void> {
    await this.signer.signed(dto.signatures);
  }
}
