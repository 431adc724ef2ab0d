import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../common/auth/access.decorators.js';
import type { RequestContext } from '../../common/auth/principal.js';
import { ApiProblems, PageOf, ApiBodyExamples } from '../../common/http/api-docs.decorators.js';
import { UuidParam } from '../../common/http/params.js';
import type { Page } from '../../common/pagination/cursor.js';
import { PasswordResetResponseDto } from '../mailboxes/dto/mailbox-response.dto.js';
import { AdminCredentialsService } from './admin-credentials.service.js';
import { AdminsService } from './admins.service.js';
import {
  AdminResponseDto,
  CreateAdminDto,
  CreatedAdminResponseDto,
  UpdateAdminDto,
} from './dto/admin.dto.js';
import { ListAdminsQueryDto } from './dto/list-admins-query.dto.js';

const AdminPageDto = PageOf(AdminResponseDto, 'AdminPageDto');

@ApiTags('admins')
@Controller('admins')
export class AdminsController {
  constructor(
    private readonly admins: AdminsService,
    private readonly credentials: AdminCredentialsService,
  ) {}

  @Get()
  @RequirePermission('admins:read')
  @ApiOperation({
    summary: 'List the admins you may manage: none above your role or outside your domains.',
  })
  @ApiOkResponse({ type: AdminPageDto })
  @ApiProblems([422, 'VALIDATION_FAILED'])
  listAdmins(
    @Ctx() ctx: RequestContext,
    @Query() query: ListAdminsQueryDto,
  ): Promise<Page<AdminResponseDto>> {
    return this.admins.list(ctx, query);
  }

  @Post()
  @RequirePermission('admins:write')
  @ApiOperation({
    summary:
      'Grant a role to an identity: a mailbox of that address, or a new standalone account. You can grant only roles and domains you hold.',
  })
  @ApiCreatedResponse({ type: CreatedAdminResponseDto })
  @ApiProblems(
    [403, 'ROLE_NOT_GRANTABLE', 'ADDRESS_OUT_OF_REACH'],
    [409, 'ADMIN_EXISTS', 'SIGN_IN_ADDRESS_TAKEN'],
    [422, 'VALIDATION_FAILED', 'PASSWORD_POLICY_VIOLATION'],
  )
  @ApiBodyExamples(CreateAdminDto, {
    helpdesk: {
      summary: 'Helpdesk for one domain (a mailbox address, or a new standalone account)',
      value: { email: 'helpdesk@example.com', role: 'helpdesk', domains: ['example.com'] },
    },
    superadmin: {
      summary: 'A superadmin with a password you choose',
      value: {
        email: 'root@example.net',
        role: 'superadmin',
        password: 'Plum-orbit-cascade-41-Kyoto',
      },
    },
  })
  createAdmin(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateAdminDto,
  ): Promise<CreatedAdminResponseDto> {
    return this.admins.create(ctx, dto);
  }

  @Get(':id')
  @RequirePermission('admins:read')
  @ApiOperation({ summary: 'Get an admin you may manage.' })
  @ApiOkResponse({ type: AdminResponseDto })
  @ApiProblems([404, 'ADMIN_NOT_FOUND'])
  getAdmin(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'ADMIN_NOT_FOUND') id: string,
  ): Promise<AdminResponseDto> {
    return this.admins.get(ctx, id);
  }

  @Patch(':id')
  @RequirePermission('admins:write')
  @ApiOperation({ summary: 'Change an admin’s role, domains or state.' })
  @ApiOkResponse({ type: AdminResponseDto })
  @ApiProblems(
    [403, 'ROLE_NOT_GRANTABLE'],
    [404, 'ADMIN_NOT_FOUND'],
    [409, 'LAST_SUPERADMIN'],
    [422, 'VALIDATION_FAILED'],
  )
  @ApiBodyExamples(UpdateAdminDto, {
    role: {
      summary: 'Another role and its domains',
      value: { role: 'domain-admin', domains: ['example.com'] },
    },
    deactivate: { summary: 'Suspend the role', value: { active: false } },
  })
  updateAdmin(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'ADMIN_NOT_FOUND') id: string,
    @Body() dto: UpdateAdminDto,
  ): Promise<AdminResponseDto> {
    return this.admins.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('admins:write')
  @ApiOperation({ summary: 'Take the role away. A mailbox identity keeps its mailbox.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems([404, 'ADMIN_NOT_FOUND'], [409, 'LAST_SUPERADMIN'])
  async deleteAdmin(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'ADMIN_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.admins.delete(ctx, id);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @RequirePermission('admins:write')
  @ApiOperation({
    summary:
      'Give a standalone admin account a temporary password (shown once) to change at next sign-in.',
  })
  @ApiOkResponse({ type: PasswordResetResponseDto })
  @ApiProblems([404, 'ADMIN_NOT_FOUND'], [409, 'ADMIN_USES_MAILBOX_CREDENTIALS'])
  resetAdminPassword(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'ADMIN_NOT_FOUND') id: string,
  ): Promise<PasswordResetResponseDto> {
    return this.credentials.resetPassword(ctx, id);
  }

  @Post(':id/2fa-reset')
  @HttpCode(204)
  @RequirePermission('admins:write')
  @ApiOperation({ summary: 'Remove a standalone admin account’s 2FA; ends its sessions.' })
  @ApiNoContentResponse({ description: 'Reset.' })
  @ApiProblems([404, 'ADMIN_NOT_FOUND'], [409, 'ADMIN_USES_MAILBOX_CREDENTIALS'])
  async resetAdminTwoFactor(
    @Ctx() ctx: RequestContext,
    @UuidParam('id', 'ADMIN_NOT_FOUND') id: string,
  ): Promise<void> {
    await this.credentials.resetTwoFactor(ctx, id);
  }
}
