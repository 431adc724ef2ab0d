import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ACCESS_METADATA,
  type AccessRule,
  type AuthenticatedRequest,
} from '../../common/auth/access.decorators.js';
import { ForbiddenError } from '../../common/errors/app-error.js';
import { requestIdOf } from '../../common/http/request-id.js';
import { AuthenticationService } from './authentication.service.js';

/** Applied to every route. A route without an access rule is refused (and fails the boot check). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (rule === undefined) throw new ForbiddenError('FORBIDDEN', 'This route has no access rule.');
    if (rule.kind === 'public') return true;

    const request = execution.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = await this.authentication.authenticate(request);
    if (rule.kind === 'permission' && !principal.permissions.has(rule.permission)) {
      throw new ForbiddenError('FORBIDDEN', `This needs the ${rule.permission} permission.`);
    }
    request.yubinContext = { principal, ip: request.ip, requestId: requestIdOf(request) };
    return true;
  }
}
