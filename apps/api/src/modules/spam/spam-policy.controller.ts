import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems } from '../../common/http/api-docs.decorators.js';
import { withEtag } from '../../common/http/etag.js';
import { AddressParam, DomainNameParam, IfMatchVersion } from '../../common/http/params.js';
import { MySpamPolicyDto, SpamPolicyDto, SpamPolicyResponseDto } from './dto/spam-policy.dto.js';
import { SpamPolicyService } from './spam-policy.service.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a GET ("0" while nothing is set); 412 if it is stale.',
};
const ANSWER =
  'Answers `own` (null inherits), `effective`, the level each effective field comes from, and `inherited`.';

@ApiTags('spam')
@Controller()
export class SpamPolicyController {
  constructor(private readonly policies: SpamPolicyService) {}

  @Get('domains/:domain/spam-policy')
  @RequirePermission('spam:read')
  @ApiOperation({ summary: `A domain’s spam policy. ${ANSWER} Sets ETag.` })
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'])
  async getDomainSpamPolicy(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.getForDomain(ctx, domain));
  }

  @Put('domains/:domain/spam-policy')
  @RequirePermission('spam:write')
  @ApiOperation({
    summary:
      'Set a domain’s spam policy (every field; null or absent uses the default). addHeaderScore ≤ junkScore ≤ rejectScore, also for its mailboxes’ own thresholds. Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems(
    [404, 'DOMAIN_NOT_FOUND'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'SPAM_THRESHOLDS_OUT_OF_ORDER', 'VALIDATION_FAILED'],
  )
  async putDomainSpamPolicy(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: SpamPolicyDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.putForDomain(ctx, domain, dto, version));
  }

  @Get('mailboxes/:address/spam-policy')
  @RequirePermission('spam:read')
  @ApiOperation({ summary: `A mailbox’s spam policy over its domain’s. ${ANSWER} Sets ETag.` })
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'])
  async getMailboxSpamPolicy(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.getForMailbox(ctx, address));
  }

  @Put('mailboxes/:address/spam-policy')
  @RequirePermission('spam:write')
  @ApiOperation({
    summary:
      'Set a mailbox’s own spam policy (every field; null or absent inherits the domain’s). The effective thresholds must keep addHeaderScore ≤ junkScore ≤ rejectScore. Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems(
    [404, 'MAILBOX_NOT_FOUND'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'SPAM_THRESHOLDS_OUT_OF_ORDER', 'VALIDATION_FAILED'],
  )
  async putMailboxSpamPolicy(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: SpamPolicyDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.putForMailbox(ctx, address, dto, version));
  }

  @Get('me/spam-policy')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: `Your mailbox’s spam policy. ${ANSWER} Sets ETag.` })
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'])
  async getMySpamPolicy(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.getMine(ctx));
  }

  @Put('me/spam-policy')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary:
      'Set your own thresholds and junk folder (null or absent inherits). A threshold may be lowered (stricter) but not raised above what you inherit from your domain (`inherited`); one your admin set may stay as it is. Honours If-Match.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SpamPolicyResponseDto })
  @ApiProblems(
    [403, 'NOT_A_MAILBOX_USER'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'SPAM_THRESHOLD_ABOVE_DOMAIN', 'SPAM_THRESHOLDS_OUT_OF_ORDER', 'VALIDATION_FAILED'],
  )
  async putMySpamPolicy(
    @Ctx() ctx: RequestContext,
    @Body() dto: MySpamPolicyDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpamPolicyResponseDto> {
    return withEtag(response, await this.policies.putMine(ctx, dto, version));
  }
}
