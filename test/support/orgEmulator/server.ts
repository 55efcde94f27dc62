import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook } from './faults.js';
import { IdFactory, toId18 } from './ids.js';
import { MetadataApi } from './metadataApi.js';
import { EmulatedOrg } from './org.js';
import { REST_INVALID_SESSION, restRoute, type RestIdentity } from './rest.js';
import { SoapFault, invalidSession, parseEnvelope, renderFault, renderResponse, unknownException } from './soap.js';
import type { DeployRecord, EmulatorCall, Fault, OrgEmulatorOptions } from './types.js';

export type OrgEmulator = {
  /** http://127.0.0.1:<port> */
  readonly instanceUrl: string;
  /** `<orgId>!<token>`, the shape sf requires of an access token. */
  readonly accessToken: string;
  readonly username: string;
  readonly orgId: string;
  readonly org: EmulatedOrg;
  readonly calls: readonly EmulatorCall[];
  readonly deploys: readonly DeployRecord[];
  inject(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
};

const SOAP_PATH = /^\/services\/Soap\/m\/(\d+\.\d)$/;
const XML = 'text/xml; charset=utf-8';

/** What to send back; no answer means the connection is dropped. */
type Answer = {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly operation?: string;
};

const xml = (status: number, body: string, operation?: string): Answer => ({
  status,
  contentType: XML,
  body,
  operation,
});
const json = (status: number, body: unknown): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Context = {
  readonly identity: RestIdentity;
  readonly accessToken: string;
  readonly faults: FaultBook;
  readonly api: MetadataApi;
};

async function answerSoap(ctx: Context, version: string, body: string): Promise<Answer | { drop: string }> {
  const request = parseEnvelope(body);
  if (!request) return xml(500, renderFault(new SoapFault('INVALID_XML', 'The request is not a SOAP envelope')));
  const { operation } = request;
  const fault = ctx.faults.takeTransport(operation);
  if (fault?.kind === 'dropConnection') return { drop: operation };
  if (fault?.kind === 'serviceUnavailable')
    return { status: 503, contentType: 'text/plain; charset=utf-8', body: 'Service Unavailable', operation };
  try {
    if (fault?.kind === 'http500') throw unknownException();
    if (fault?.kind === 'invalidSession' || request.sessionId !== ctx.accessToken) throw invalidSession();
    if (Number(version) > Number(ctx.identity.apiVersion))
      throw new SoapFault('UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
    const response = await ctx.api.handle(request);
    if (fault?.kind === 'dropAfterHandling') return { drop: operation };
    return xml(200, renderResponse(operation, response), operation);
  } catch (e) {
    const fault500 =
      e instanceof SoapFault ? e : new SoapFault('UNKNOWN_EXCEPTION', e instanceof Error ? e.message : String(e));
    return xml(500, renderFault(fault500), operation);
  }
}

function answerRest(ctx: Context, req: IncomingMessage, url: URL, path: string): Answer {
  const authorized = req.headers.authorization === `Bearer ${ctx.accessToken}`;
  const answer = authorized
    ? restRoute(ctx.identity, req.method ?? 'GET', path, url.searchParams)
    : REST_INVALID_SESSION;
  return json(answer.status, answer.body);
}

/** Starts an emulated org on a random loopback port. */
export async function startOrgEmulator(options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  const username = options.username ?? 'test@example.com';
  const orgId = options.orgId ?? '00D000000000001AAA';
  const isSandbox = options.isSandbox ?? true;
  const scratch = options.scratch ?? false;
  const organizationType = options.organizationType ?? 'Enterprise Edition';
  const apiVersion = options.apiVersion ?? '66.0';
  const user = { id: toId18('005', 1), name: 'Test User' };
  // Only word characters and dots may follow the "!" for sf to accept the token.
  const accessToken = `${orgId}!AQ0AQ${randomBytes(24).toString('hex')}`;
  const ids = new IdFactory();
  const now = (): string => new Date().toISOString();
  const org = new EmulatedOrg(ids, now);
  const faults = new FaultBook();
  const calls: EmulatorCall[] = [];
  const deploys: DeployRecord[] = [];
  const api = new MetadataApi({
    org,
    ids,
    faults,
    user,
    shield: options.shield ?? true,
    unknownUserPermissions: new Set(options.unknownUserPermissions ?? []),
    production: !isSandbox && !scratch && organizationType !== 'Developer Edition',
    pollsBeforeDone: options.pollsBeforeDone ?? 1,
    deploys,
    now,
  });
  const identity: Omit<RestIdentity, 'instanceUrl'> = {
    username,
    orgId,
    userId: user.id,
    userName: user.name,
    isSandbox,
    scratch,
    organizationType,
    apiVersion,
  };
  const ctx: { -readonly [K in keyof Context]: Context[K] } = {
    identity: { ...identity, instanceUrl: '' },
    accessToken,
    faults,
    api,
  };

  const server = createServer((req, res) => {
    // sf stores the instance URL with a trailing slash, so paths arrive as //services/..., which URL would read as a
    // host name: collapse the slashes first.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const index = calls.push({ method: req.method ?? 'GET', path: `${path}${url.search}` }) - 1;
    const soap = req.method === 'POST' ? SOAP_PATH.exec(path) : null;
    readBody(req)
      .then(async (body) => (soap ? answerSoap(ctx, soap[1], body) : answerRest(ctx, req, url, path)))
      .catch((e: unknown) =>
        json(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: e instanceof Error ? e.message : String(e) }])
      )
      .then((answer) => {
        if ('drop' in answer) {
          calls[index] = { ...calls[index], operation: answer.drop };
          res.socket?.destroy();
          return;
        }
        calls[index] = {
          ...calls[index],
          ...(answer.operation ? { operation: answer.operation } : {}),
          status: answer.status,
        };
        res.writeHead(answer.status, {
          'Content-Type': answer.contentType,
          'Content-Length': Buffer.byteLength(answer.body),
        });
        res.end(answer.body);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.identity = { ...identity, instanceUrl };

  return {
    instanceUrl,
    accessToken,
    username,
    orgId,
    org,
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    calls,
    deploys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
