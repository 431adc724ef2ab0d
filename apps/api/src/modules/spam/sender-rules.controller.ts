import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { ErrorCode } from '#contracts';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, PageOf } from '../../common/http/api-docs.decorators.js';
import { AddressParam, DomainNameParam, UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import {
  CreateSenderRuleDto,
  ListSenderRulesQueryDto,
  SenderDecisionQueryDto,
  SenderDecisionResponseDto,
  SenderRuleResponseDto,
} from './dto/sender-rule.dto.js';
import { SenderRulesService } from './sender-rules.service.js';

const SenderRulePageDto = PageOf(SenderRuleResponseDto, 'SenderRulePageDto');
const CREATE_PROBLEMS: [number, ...ErrorCode[]][] = [
  [409, 'SENDER_RULE_EXISTS', 'SENDER_RULE_LIMIT_REACHED'],
  [422, 'VALIDATION_FAILED'],
];
const PRECEDENCE =
  'The most specific level with a rule that applies decides (mailbox, domain, global); within it, block beats allow.';

@ApiTags('spam')
@Controller()
export class SenderRulesController {
  constructor(private readonly rules: SenderRulesService) {}

  // Global -------------------------------------------------------------------------

  @Get('sender-rules')
  @RequirePermission('spam:read')
  @ApiOperation({
    summary: `The global sender rules (every domain in reach required). ${PRECEDENCE}`,
  })
  @ApiOkResponse({ type: SenderRulePageDto })
  @ApiProblems([403, 'FORBIDDEN'], [422, 'VALIDATION_FAILED'])
  listGlobalSenderRules(
    @Ctx() ctx: RequestContext,
    @Query() query: ListSenderRulesQueryDto,
  ): Promise<Page<SenderRuleResponseDto>> {
    return this.rules.list(ctx, { of: 'global' }, query);
  }

  @Post('sender-rules')
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Add a global sender rule (every domain in reach required).' })
  @ApiCreatedResponse({ type: SenderRuleResponseDto })
  @ApiProblems([403, 'FORBIDDEN'], ...CREATE_PROBLEMS)
  createGlobalSenderRule(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateSenderRuleDto,
  ): Promise<SenderRuleResponseDto> {
    return this.rules.create(ctx, { of: 'global' }, dto);
  }

  @Delete('sender-rules/:id')
  @HttpCode(204)
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Remove a global sender rule.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([403, 'FORBIDDEN'], [404, 'SENDER_RULE_NOT_FOUND'])
  async deleteGlobalSenderRule(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'SENDER_RULE_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.rules.delete(ctx, { of: 'global' }, id);
  }

  // Domain -------------------------------------------------------------------------

  @Get('domains/:domain/sender-rules')
  @RequirePermission('spam:read')
  @ApiOperation({ summary: `A domain’s sender rules, newest first. ${PRECEDENCE}` })
  @ApiOkResponse({ type: SenderRulePageDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  listDomainSenderRules(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Query() query: ListSenderRulesQueryDto,
  ): Promise<Page<SenderRuleResponseDto>> {
    return this.rules.list(ctx, { of: 'domain', name: domain }, query);
  }

  @Post('domains/:domain/sender-rules')
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Add a sender rule for every mailbox of a domain.' })
  @ApiCreatedResponse({ type: SenderRuleResponseDto })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND'], ...CREATE_PROBLEMS)
  createDomainSenderRule(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @Body() dto: CreateSenderRuleDto,
  ): Promise<SenderRuleResponseDto> {
    return this.rules.create(ctx, { of: 'domain', name: domain }, dto);
  }

  @Delete('domains/:domain/sender-rules/:id')
  @HttpCode(204)
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Remove one of a domain’s sender rules.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([404, 'DOMAIN_NOT_FOUND', 'SENDER_RULE_NOT_FOUND'])
  async deleteDomainSenderRule(
    @Ctx() ctx: RequestContext,
    @DomainNameParam('domain') domain: string,
    @UuidParam('id', 'SENDER_RULE_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.rules.delete(ctx, { of: 'domain', name: domain }, id);
  }

  // Mailbox ------------------------------------------------------------------------

  @Get('mailboxes/:address/sender-rules')
  @RequirePermission('spam:read')
  @ApiOperation({ summary: `A mailbox’s own sender rules, newest first. ${PRECEDENCE}` })
  @ApiOkResponse({ type: SenderRulePageDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  listMailboxSenderRules(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Query() query: ListSenderRulesQueryDto,
  ): Promise<Page<SenderRuleResponseDto>> {
    return this.rules.list(ctx, { of: 'mailbox', address }, query);
  }

  @Post('mailboxes/:address/sender-rules')
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Add a sender rule for one mailbox.' })
  @ApiCreatedResponse({ type: SenderRuleResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], ...CREATE_PROBLEMS)
  createMailboxSenderRule(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Body() dto: CreateSenderRuleDto,
  ): Promise<SenderRuleResponseDto> {
    return this.rules.create(ctx, { of: 'mailbox', address }, dto);
  }

  @Delete('mailboxes/:address/sender-rules/:id')
  @HttpCode(204)
  @RequirePermission('spam:write')
  @ApiOperation({ summary: 'Remove one of a mailbox’s sender rules.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND', 'SENDER_RULE_NOT_FOUND'])
  async deleteMailboxSenderRule(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @UuidParam('id', 'SENDER_RULE_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.rules.delete(ctx, { of: 'mailbox', address }, id);
  }

  @Get('mailboxes/:address/sender-rules/decision')
  @RequirePermission('spam:read')
  @ApiOperation({
    summary: `Which sender rule decides for mail from a sender and/or client address to this mailbox, at every level. ${PRECEDENCE}`,
  })
  @ApiOkResponse({ type: SenderDecisionResponseDto })
  @ApiProblems([404, 'MAILBOX_NOT_FOUND'], [422, 'VALIDATION_FAILED'])
  decideMailboxSender(
    @Ctx() ctx: RequestContext,
    @AddressParam('address') address: string,
    @Query() query: SenderDecisionQueryDto,
  ): Promise<SenderDecisionResponseDto> {
    return this.rules.decide(ctx, address, query);
  }

  // Me -----------------------------------------------------------------------------

  @Get('me/sender-rules')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary: `Your blocked and always-allowed senders; with inherited=true, your domain’s too. ${PRECEDENCE}`,
  })
  @ApiOkResponse({ type: SenderRulePageDto })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'], [422, 'VALIDATION_FAILED'])
  listMySenderRules(
    @Ctx() ctx: RequestContext,
    @Query() query: ListSenderRulesQueryDto,
  ): Promise<Page<SenderRuleResponseDto>> {
    return this.rules.list(ctx, { of: 'me' }, query);
  }

  @Post('me/sender-rules')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary: 'Block a sender, or always allow one (yours beat your domain’s rules).',
  })
  @ApiCreatedResponse({ type: SenderRuleResponseDto })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'], ...CREATE_PROBLEMS)
  createMySenderRule(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateSenderRuleDto,
  ): Promise<SenderRuleResponseDto> {
    return this.rules.create(ctx, { of: 'me' }, dto);
  }

  @Delete('me/sender-rules/:id')
  @HttpCode(204)
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'Remove one of your sender rules.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([403, 'NOT_A_MAILBOX_USER'], [404, 'SENDER_RULE_NOT_FOUND'])
  async deleteMySenderRule(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'SENDER_RULE_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.rules.delete(ctx, { of: 'me' }, id);
  }
}
