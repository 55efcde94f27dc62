import type { RuleContext } from './context.js';
import type { Integrations } from './model.js';
import { checkIdentifier } from './names.js';
import type { RawProfile } from './raw.js';
import { BROAD_SCOPES, REFRESH_SCOPES } from './vocabulary.js';

/** External client app and credential API names hold at most 40 characters. */
const INTEGRATION_NAME_MAX = 40;

/** True for an absolute `https://` URL with a host. */
function isHttps(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function buildIntegrations(raw: RawProfile['integrations'], sessionTimeoutMinutes: number, ctx: RuleContext): Integrations {
  const apps = Object.entries(raw?.apps ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, app]) => {
      const path = ['integrations', 'apps', name];
      const problem = checkIdentifier(name, INTEGRATION_NAME_MAX, 'app name');
      if (problem) ctx.error(path, problem, 'key');
      if (!isHttps(app.callbackUrl)) {
        ctx.error([...path, 'callbackUrl'], { key: 'integration.notHttps', tokens: [app.callbackUrl], legal: ['https://ehr.example.org/oauth/callback'] });
      }
      for (const scope of BROAD_SCOPES.filter((s) => app.scopes.includes(s))) {
        ctx.relax([...path, 'scopes', app.scopes.indexOf(scope)], path, app.justification, 'transmission.oauth-scopes', {
          key: 'relax.broadScope',
          tokens: [scope, name],
        });
      }
      const refresh = REFRESH_SCOPES.find((s) => app.scopes.includes(s));
      if (refresh && app.refreshTokenValidityDays === undefined) {
        ctx.relax([...path, 'scopes', app.scopes.indexOf(refresh)], path, app.justification, 'transmission.oauth-scopes', {
          key: 'relax.refreshForever',
          tokens: [refresh, name],
        });
      }
      if (app.ipRelaxation && app.ipRelaxation !== 'enforce' && app.ipRelaxation !== 'enforce-relax-refresh') {
        ctx.relax([...path, 'ipRelaxation'], path, app.justification, 'transmission.oauth-scopes', {
          key: 'relax.ipRelaxation',
          tokens: [app.ipRelaxation, name],
        });
      }
      return {
        name,
        label: app.label ?? name.replace(/_/g, ' '),
        ...(app.description ? { description: app.description } : {}),
        ...(app.contactEmail ? { contactEmail: app.contactEmail } : {}),
        scopes: [...app.scopes].sort(),
        callbackUrl: app.callbackUrl,
        ipRelaxation: app.ipRelaxation ?? 'enforce',
        ...(app.refreshTokenValidityDays !== undefined ? { refreshTokenValidityDays: app.refreshTokenValidityDays } : {}),
        sessionTimeoutMinutes: app.sessionTimeoutMinutes ?? sessionTimeoutMinutes,
      };
    });

  const endpoints = Object.entries(raw?.endpoints ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => {
      const path = ['integrations', 'endpoints', name];
      const problem = checkIdentifier(name, INTEGRATION_NAME_MAX, 'endpoint name');
      if (problem) ctx.error(path, problem, 'key');
      if (!isHttps(e.url)) {
        ctx.error([...path, 'url'], { key: 'integration.notHttps', tokens: [e.url], legal: ['https://ehr.example.org'] });
      }
      return { name, label: e.label ?? name.replace(/_/g, ' '), ...(e.description ? { description: e.description } : {}), url: e.url };
    });
  return { apps, endpoints };
}
