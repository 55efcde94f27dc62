import type { RuleContext } from './context.js';
import { legalValues } from './issues.js';
import { say } from './messages.js';
import type { AdminPolicy } from './model.js';
import type { RawProfile } from './raw.js';
import { USER_PERMISSIONS } from './userPermissions.js';
import { DEFAULT_FORBIDDEN_PERMISSIONS } from './vocabulary.js';

export function buildAdmin(raw: RawProfile['admin'], roleNames: readonly string[], ctx: RuleContext): AdminPolicy {
  const forbidden = [...(raw?.forbiddenUserPermissions ?? DEFAULT_FORBIDDEN_PERMISSIONS)];
  for (const [i, permission] of forbidden.entries()) {
    if (!USER_PERMISSIONS.has(permission) && !(DEFAULT_FORBIDDEN_PERMISSIONS as readonly string[]).includes(permission)) {
      ctx.error(['admin', 'forbiddenUserPermissions', i], { key: 'admin.unknownPermission', tokens: [permission], legal: [legalValues(USER_PERMISSIONS, permission)] });
    }
  }
  const missing = DEFAULT_FORBIDDEN_PERMISSIONS.filter((p) => !forbidden.includes(p));
  if (raw?.forbiddenUserPermissions && missing.length > 0) {
    ctx.warn(['admin', 'forbiddenUserPermissions'], { key: 'admin.noLongerForbidden', tokens: [missing.join(', ')], legal: [] });
  }
  const allow = (raw?.allow ?? []).map((entry, i) => {
    const path = ['admin', 'allow', i];
    if (!forbidden.includes(entry.permission)) {
      ctx.warn([...path, 'permission'], { key: 'admin.allowHasNoEffect', tokens: [entry.permission] });
    }
    for (const [j, role] of (entry.roles ?? []).entries()) {
      if (!roleNames.includes(role)) ctx.error([...path, 'roles', j], { key: 'role.unknownRole', tokens: [role], legal: [legalValues(roleNames, role)] });
    }
    ctx.relax([...path, 'permission'], path, entry.justification, 'access.privileged-permissions', {
      key: 'relax.adminAllow',
      tokens: [entry.permission, entry.roles?.join(', ') ?? say('relax.everyRole')],
    });
    return { permission: entry.permission, roles: [...(entry.roles ?? [])].sort(), justification: entry.justification };
  });
  return { forbiddenUserPermissions: forbidden, allow };
}
