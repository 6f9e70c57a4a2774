/** What every admin controller shares: the route prefix, the guard, the error filter, auth docs. */
import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiSecurity, ApiTags } from '../openapi.decorators.js';
import { AdminAuthGuard } from '../admin-auth.guard.js';
import { AdminErrorFilter } from '../admin-error.filter.js';
import { SESSION_COOKIE } from '../session-cookie.js';

export const ADMIN_PREFIX = 'admin/api/v1';
export const WORKSPACE_PREFIX = `${ADMIN_PREFIX}/workspaces/:workspaceId`;

export function AdminController(path: string, tag: string) {
  return applyDecorators(
    Controller(path),
    UseGuards(AdminAuthGuard),
    UseFilters(AdminErrorFilter),
    ApiTags(tag),
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_COOKIE),
    ApiSecurity('admin-api-key'),
  );
}
