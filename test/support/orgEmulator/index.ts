/**
 * A loopback emulator of a Salesforce org's login REST calls and SOAP Metadata API, for tests that drive the real
 * clients (source-deploy-retrieve, @salesforce/core, sf) over HTTP.
 */
export { startOrgEmulator, type OrgEmulator } from './server.js';
export { EmulatedOrg, type ComponentRef, type OrgComponent } from './org.js';
export type {
  DeployRecord,
  DeployStatus,
  EmulatorCall,
  Fault,
  OrgEmulatorOptions,
  SoapOperation,
  TestLevel,
} from './types.js';
