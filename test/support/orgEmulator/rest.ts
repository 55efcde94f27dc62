/** The REST calls `sf` and @salesforce/core make around login and before a retrieve. */

export type RestIdentity = {
  readonly username: string;
  readonly orgId: string;
  readonly userId: string;
  readonly userName: string;
  readonly isSandbox: boolean;
  /** A scratch org: a sandbox with a trial expiration date. */
  readonly scratch: boolean;
  readonly organizationType: string;
  readonly apiVersion: string;
  readonly instanceUrl: string;
};

export type RestResponse = { readonly status: number; readonly body: unknown };

const NOT_FOUND: RestResponse = {
  status: 404,
  body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
};
export const REST_INVALID_SESSION: RestResponse = {
  status: 401,
  body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
};
const FIRST_VERSION = 50;

const queryResult = (records: unknown[]): RestResponse => ({
  status: 200,
  body: { totalSize: records.length, done: true, records },
});

function versions(id: RestIdentity): Array<{ label: string; url: string; version: string }> {
  const max = Math.floor(Number(id.apiVersion));
  const out = [];
  for (let v = FIRST_VERSION; v <= max; v++)
    out.push({ label: `Release ${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

const userRecord = (id: RestIdentity, version: string): Record<string, unknown> => ({
  attributes: { type: 'User', url: `/services/data/v${version}/sobjects/User/${id.userId}` },
  Id: id.userId,
  Username: id.username,
  Name: id.userName,
  Email: id.username,
  IsActive: true,
});

function organizationRecord(id: RestIdentity, version: string): Record<string, unknown> {
  return {
    attributes: { type: 'Organization', url: `/services/data/v${version}/sobjects/Organization/${id.orgId}` },
    Id: id.orgId,
    Name: 'Emulated Org',
    InstanceName: 'EMU1',
    IsSandbox: id.isSandbox || id.scratch,
    TrialExpirationDate: id.scratch ? '2027-01-01' : null,
    NamespacePrefix: null,
    OrganizationType: id.organizationType,
  };
}

/** Answers a SOQL query by its FROM object; the Dev Hub check must fail as it does in an org that is not a Dev Hub. */
function query(id: RestIdentity, version: string, soql: string, tooling: boolean): RestResponse {
  const from = /\bfrom\s+(\w+)/i.exec(soql)?.[1] ?? '';
  if (tooling) return queryResult([]);
  switch (from.toLowerCase()) {
    case 'scratchorginfo':
      return {
        status: 400,
        body: [{ errorCode: 'INVALID_TYPE', message: "sObject type 'ScratchOrgInfo' is not supported." }],
      };
    case 'organization':
      return queryResult([organizationRecord(id, version)]);
    case 'user':
      return queryResult([userRecord(id, version)]);
    default:
      return queryResult([]);
  }
}

function versioned(id: RestIdentity, version: string, rest: string, params: URLSearchParams): RestResponse {
  if (rest === '') {
    const base = `/services/data/v${version}`;
    return {
      status: 200,
      body: {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        tooling: `${base}/tooling`,
        metadata: `${base}/metadata`,
      },
    };
  }
  if (rest === '/query' || rest === '/tooling/query')
    return query(id, version, params.get('q') ?? '', rest.startsWith('/tooling'));
  if (rest === `/sobjects/User/${id.userId}` || rest === `/sobjects/User/${id.userId.slice(0, 15)}`) {
    return { status: 200, body: userRecord(id, version) };
  }
  // "The requested resource does not exist" is what core reads as "source tracking not supported".
  return NOT_FOUND;
}

/** Routes a GET; the bearer token has been checked. */
export function restRoute(id: RestIdentity, method: string, path: string, params: URLSearchParams): RestResponse {
  if (method !== 'GET') return NOT_FOUND;
  if (path === '/services/oauth2/userinfo') {
    return {
      status: 200,
      body: {
        sub: `${id.instanceUrl}/id/${id.orgId}/${id.userId}`,
        user_id: id.userId,
        organization_id: id.orgId,
        preferred_username: id.username,
        nickname: 'test',
        name: id.userName,
        email: id.username,
        email_verified: true,
        active: true,
        user_type: 'STANDARD',
        language: 'en_US',
        locale: 'en_US',
        utcOffset: 0,
      },
    };
  }
  if (path === '/services/data') return { status: 200, body: versions(id) };
  const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
  if (!match || Number(match[1]) > Number(id.apiVersion) || Number(match[1]) < FIRST_VERSION) return NOT_FOUND;
  return versioned(id, match[1], match[2] ?? '', params);
}
