import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/auth/access.decorators.js';
import { Unprefixed } from '../../common/auth/route-table.js';
import { MtaStsService } from './mta-sts.service.js';

/** RFC 8461 §3.3: the one path senders fetch, at `mta-sts.<domain>`. */
export const MTA_STS_PATH = '.well-known/mta-sts.txt';

/**
 * The MTA-STS policy, outside /api and the OpenAPI document: its format is the RFC's.
 * The Host header names the domain (through a trusted proxy, X-Forwarded-Host).
 */
@ApiExcludeController()
@Unprefixed()
@Controller()
export class MtaStsController {
  constructor(private readonly mtaSts: MtaStsService) {}

  @Get(MTA_STS_PATH)
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  policy(@Req() request: Request): Promise<string> {
    return this.mtaSts.policyForHost(request.hostname);
  }
}
