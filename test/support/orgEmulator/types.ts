import type { ComponentRef } from './metadataTypes.js';

export type OrgEmulatorOptions = {
  /** Default test@example.com. */
  username?: string;
  /** Default 00D000000000001AAA. */
  orgId?: string;
  /** Organization.IsSandbox; default true. Production (not a sandbox, not Developer Edition) enforces test rules. */
  isSandbox?: boolean;
  /** A scratch org (Organization.IsSandbox true, with a TrialExpirationDate); default false. */
  scratch?: boolean;
  /** Organization.OrganizationType; default 'Enterprise Edition'. */
  organizationType?: string;
  /** The highest version in /services/data, which clients then use; default '66.0'. */
  apiVersion?: string;
  /** Shield Platform Encryption and Event Monitoring licensed; default true. */
  shield?: boolean;
  /** User permission names this org does not have. */
  unknownUserPermissions?: string[];
  /** checkDeployStatus/checkRetrieveStatus answer InProgress this many times before the result; default 1. */
  pollsBeforeDone?: number;
};

export type SoapOperation =
  | 'deploy'
  | 'checkDeployStatus'
  | 'cancelDeploy'
  | 'retrieve'
  | 'checkRetrieveStatus'
  | 'listMetadata'
  | 'readMetadata';

/** Each fault fires `times` times (default 1), then is spent. */
export type Fault =
  | { kind: 'http500'; operation: SoapOperation; times?: number }
  /** HTTP 503 with a plain-text body, as a proxy or load balancer answers: clients see no SOAP fault, only the status. */
  | { kind: 'serviceUnavailable'; operation: SoapOperation; times?: number }
  /** The socket is destroyed after the request is read; no response. */
  | { kind: 'dropConnection'; operation: SoapOperation; times?: number }
  /** The request is carried out (a deploy starts), then the socket is destroyed before the response. */
  | { kind: 'dropAfterHandling'; operation: SoapOperation; times?: number }
  /** SOAP fault sf:INVALID_SESSION_ID with HTTP 500, as Salesforce answers an expired session. */
  | { kind: 'invalidSession'; operation: SoapOperation; times?: number }
  /** The next deploy/retrieve job answers InProgress `polls` more times. */
  | { kind: 'slowPolling'; polls: number; times?: number }
  /** The component fails in the next deploy that contains it. */
  | {
      kind: 'componentFailure';
      type: string;
      fullName: string;
      problem: string;
      line?: number;
      column?: number;
      times?: number;
    }
  /** The test method fails in the next run that runs it. */
  | { kind: 'testFailure'; className: string; methodName: string; message: string; times?: number };

/** One request the emulator received. The access token is never recorded. */
export type EmulatorCall = {
  readonly method: string;
  /** Path and query, leading slashes collapsed. */
  readonly path: string;
  /** The SOAP operation, for calls to the Metadata API endpoint. */
  readonly operation?: string;
  /** HTTP status answered; undefined when the connection was dropped. */
  readonly status?: number;
};

export type TestLevel = 'NoTestRun' | 'RunSpecifiedTests' | 'RunLocalTests' | 'RunAllTestsInOrg';
export type DeployStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'SucceededPartial' | 'Failed' | 'Canceled';

export type DeployRecord = {
  readonly id: string;
  readonly checkOnly: boolean;
  /** The level the deploy ran with: the requested one, or the org's default. */
  readonly testLevel: TestLevel;
  readonly runTests: readonly string[];
  status: DeployStatus;
  /** Components named in the deploy's package.xml. */
  readonly components: readonly ComponentRef[];
  /** Whether anything was written to the org. */
  persisted: boolean;
};
