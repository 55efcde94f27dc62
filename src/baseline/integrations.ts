import type { Endpoint, IntegrationApp, Profile } from '../profile/model.js';
import { IP_RELAXATIONS, OAUTH_SCOPES, REFRESH_SCOPES } from '../profile/vocabulary.js';
import { TYPE_SINCE } from '../metadata/versions.js';
import { controlsOf, type Component } from './component.js';

const APP_CONTROLS = controlsOf('transmission.oauth-scopes', 'access.unique-user');
const ENDPOINT_CONTROLS = controlsOf('transmission.named-credentials');

const scopesOf = (app: IntegrationApp): string[] => app.scopes.map((s) => OAUTH_SCOPES[s]).sort();
const issuesRefreshTokens = (app: IntegrationApp): boolean => REFRESH_SCOPES.some((s) => app.scopes.includes(s));

/** Refresh-token lifetime: none without a refresh scope, the profile's days, or (justified) forever. */
function refreshPolicy(app: IntegrationApp): { type: 'Zero' | 'SpecificLifetime' | 'Infinite'; days?: number } {
  if (!issuesRefreshTokens(app)) return { type: 'Zero' };
  return app.refreshTokenValidityDays ? { type: 'SpecificLifetime', days: app.refreshTokenValidityDays } : { type: 'Infinite' };
}

/** An External Client App: header, global OAuth settings, OAuth settings (scopes) and OAuth policies. */
function externalClientApp(profile: Profile, app: IntegrationApp): Component[] {
  const base = { controls: APP_CONTROLS };
  const refresh = refreshPolicy(app);
  return [
    {
      ...base,
      type: 'ExternalClientApplication',
      fullName: app.name,
      root: 'ExternalClientApplication',
      content: {
        contactEmail: app.contactEmail,
        description: app.description ?? `${profile.organization}: ${app.label} integration`,
        distributionState: 'Local',
        isProtected: false,
        label: app.label,
      },
    },
    {
      ...base,
      type: 'ExtlClntAppGlobalOauthSettings',
      fullName: `${app.name}_glbloauth`,
      root: 'ExtlClntAppGlobalOauthSettings',
      content: {
        callbackUrl: app.callbackUrl,
        externalClientApplication: app.name,
        isConsumerSecretOptional: false,
        isPkceRequired: true,
        isRefreshTokenRotationEnabled: issuesRefreshTokens(app),
        isSecretRequiredForRefreshToken: true,
        label: app.label,
      },
    },
    {
      ...base,
      type: 'ExtlClntAppOauthSettings',
      fullName: `${app.name}_oauth`,
      root: 'ExtlClntAppOauthSettings',
      content: { commaSeparatedOauthScopes: scopesOf(app).join(', '), externalClientApplication: app.name, label: app.label },
    },
    {
      ...base,
      type: 'ExtlClntAppOauthConfigurablePolicies',
      fullName: `${app.name}_oauthPlcy`,
      root: 'ExtlClntAppOauthConfigurablePolicies',
      content: {
        commaSeparatedPermissionSet: undefined,
        externalClientApplication: app.name,
        ipRelaxationPolicyType: IP_RELAXATIONS[app.ipRelaxation],
        label: app.label,
        // Only users an admin pre-authorizes may use the app: minimum necessary for integrations.
        permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
        refreshTokenPolicyType: refresh.type,
        refreshTokenValidityPeriod: refresh.days,
        refreshTokenValidityUnit: refresh.days ? 'Days' : undefined,
        sessionTimeoutInMinutes: app.sessionTimeoutMinutes,
      },
    },
  ];
}

/** Before External Client Apps existed: a Connected App with the same limits. */
function connectedApp(profile: Profile, app: IntegrationApp): Component[] {
  const refresh = refreshPolicy(app);
  const policy = { Zero: 'zero', Infinite: 'infinite', SpecificLifetime: `specific_lifetime:${refresh.days ?? 0}:DAYS` }[refresh.type];
  return [
    {
      type: 'ConnectedApp',
      fullName: app.name,
      root: 'ConnectedApp',
      content: {
        contactEmail: app.contactEmail ?? profile.monitoring.notify[0] ?? 'security@example.org',
        description: app.description ?? `${profile.organization}: ${app.label} integration`,
        label: app.label,
        oauthConfig: {
          callbackUrl: app.callbackUrl,
          isAdminApproved: true,
          isPkceRequired: true,
          isRefreshTokenRotationEnabled: issuesRefreshTokens(app),
          isSecretRequiredForRefreshToken: true,
          scopes: scopesOf(app),
        },
        oauthPolicy: { ipRelaxation: IP_RELAXATIONS[app.ipRelaxation].toUpperCase(), refreshTokenPolicy: policy },
        sessionPolicy: { sessionTimeout: app.sessionTimeoutMinutes },
      },
      controls: APP_CONTROLS,
    },
  ];
}

/** A Named Credential that holds the endpoint, authenticated through its own External Credential. */
function namedCredential(profile: Profile, endpoint: Endpoint, apiVersion: number): Component[] {
  const credential = `${endpoint.name}_Auth`;
  const description = endpoint.description ?? `${profile.organization}: ${endpoint.label} (TLS only)`;
  const common = { allowMergeFieldsInBody: false, allowMergeFieldsInHeader: false, description, label: endpoint.label };
  if (apiVersion < TYPE_SINCE.ExternalCredential) {
    return [{ type: 'NamedCredential', fullName: endpoint.name, root: 'NamedCredential', content: { ...common, endpoint: endpoint.url, principalType: 'NamedUser', protocol: 'NoAuthentication' }, controls: ENDPOINT_CONTROLS }];
  }
  return [
    {
      type: 'ExternalCredential',
      fullName: credential,
      root: 'ExternalCredential',
      content: {
        authenticationProtocol: 'Oauth',
        description: `${description}: credentials`,
        externalCredentialParameters: [{ parameterGroup: 'Integration', parameterName: 'Integration', parameterType: 'NamedPrincipal', sequenceNumber: 1 }],
        label: `${endpoint.label} credentials`,
      },
      controls: ENDPOINT_CONTROLS,
    },
    {
      type: 'NamedCredential',
      fullName: endpoint.name,
      root: 'NamedCredential',
      content: {
        ...common,
        calloutStatus: 'Enabled',
        generateAuthorizationHeader: true,
        namedCredentialParameters: [
          { parameterName: 'Url', parameterType: 'Url', parameterValue: endpoint.url },
          { externalCredential: credential, parameterName: 'ExternalCredential', parameterType: 'Authentication' },
        ],
        namedCredentialType: 'SecuredEndpoint',
      },
      controls: ENDPOINT_CONTROLS,
    },
  ];
}

export function buildIntegrations(profile: Profile): Component[] {
  const apiVersion = Number(profile.apiVersion);
  const app = apiVersion >= TYPE_SINCE.ExternalClientApplication ? externalClientApp : connectedApp;
  return [
    ...profile.integrations.apps.flatMap((a) => app(profile, a)),
    ...profile.integrations.endpoints.flatMap((e) => namedCredential(profile, e, apiVersion)),
  ];
}
