import { Module } from '@nestjs/common';
import { MailRolesRepository } from './mail-roles.repository.js';
import { MailRolesService } from './mail-roles.service.js';

/** The daemon contract's runtime half: role passwords. Rendering is the CLI's. */
@Module({ providers: [MailRolesRepository, MailRolesService] })
export class DaemonConfigModule {}
