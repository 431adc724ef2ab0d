import { Controller, Get, Header, HttpCode, Ip, Param, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/auth/access.decorators.js';
import { Unprefixed } from '../../common/auth/route-table.js';
import { AutoconfigService } from './autoconfig.service.js';

const XML = 'application/xml; charset=utf-8';

/**
 * Where mail apps configure themselves, at the paths they look for: outside /api and
 * outside the OpenAPI document, since these are the apps' formats, not Yubin's API.
 */
const THUNDERBIRD = ['.well-known/autoconfig/mail/config-v1.1.xml', 'mail/config-v1.1.xml'];
/** Routes are case-sensitive; Outlook writes both spellings. */
const POX = ['autodiscover/autodiscover.xml', 'Autodiscover/Autodiscover.xml'];
const JSON_FORM = [
  'autodiscover/autodiscover.json/v1.0/:email',
  'Autodiscover/Autodiscover.json/v1.0/:email',
];
export const AUTOCONFIG_PATHS = [...THUNDERBIRD, ...POX, ...JSON_FORM];

@ApiExcludeController()
@Unprefixed()
@Controller()
export class AutoconfigController {
  constructor(private readonly autoconfig: AutoconfigService) {}

  /** Thunderbird, at `autoconfig.<domain>` and at the well-known path. */
  @Get(THUNDERBIRD)
  @Public()
  @Header('Content-Type', XML)
  @Header('Cache-Control', 'no-store')
  thunderbird(
    @Ip() ip: string | undefined,
    @Query('emailaddress') emailAddress?: string,
  ): Promise<string> {
    return this.autoconfig.thunderbird(emailAddress, ip);
  }

  /**
   * Outlook's POX autodiscover: the request's `<EMailAddress>` in, the settings out. The
   * body is XML text with line breaks, so it is read as sent, not through the JSON pipes.
   */
  @Post(POX)
  @Public()
  @HttpCode(200)
  @Header('Content-Type', XML)
  @Header('Cache-Control', 'no-store')
  outlook(@Req() request: Request): Promise<string> {
    return this.autoconfig.outlook(request.body, request.ip);
  }

  /** Newer Outlook asks this first, for where the POX document is. */
  @Get(JSON_FORM)
  @Public()
  @Header('Cache-Control', 'no-store')
  outlookJson(
    @Ip() ip: string | undefined,
    @Param('email') email: string,
    @Query('Protocol') protocol?: string,
  ): Promise<{ Protocol: string; Url: string }> {
    return this.autoconfig.outlookJson(email, protocol, ip);
  }
}
