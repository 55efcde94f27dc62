import { expect } from 'chai';
import type { FileResponse, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import { ORG_SHAPE, lackOf } from '../../../src/deploy/orgShape.js';
import { notStarted, reportOf } from '../../../src/deploy/report.js';
import type { DeployOutcome } from '../../../src/org/deploy.js';
import { isTransient } from '../../../src/org/retry.js';
import { mapLimit } from '../../../src/shared/concurrency.js';
import { redact } from '../../../src/shared/redact.js';

const ROOT = '/project';
const TOKEN = '00D000000000001AAA!AQ0AQFakeAccessTokenForLoopbackTesting1234567890';
const REF = { org: 'uat', username: 'admin@uat.example', production: false };
const REQUEST = { checkOnly: false, testLevel: 'RunSpecifiedTests' as const };

const file = (type: string, fullName: string, path: string, failure?: { error: string; line?: number; column?: number }): FileResponse =>
  (failure
    ? { type, fullName, filePath: `${ROOT}/${path}`, state: 'Failed', error: failure.error, lineNumber: failure.line, columnNumber: failure.column, problemType: 'Error' }
    : { type, fullName, filePath: `${ROOT}/${path}`, state: 'Created' }) as FileResponse;

function response(status: string, details: Partial<MetadataApiDeployStatus['details']> = {}): MetadataApiDeployStatus {
  return { id: '0Af000000000001AAA', status, success: status === 'Succeeded', done: true, details } as unknown as MetadataApiDeployStatus;
}

const finished = (status: string, files: FileResponse[], details: Partial<MetadataApiDeployStatus['details']> = {}): DeployOutcome => ({
  kind: 'finished',
  id: '0Af000000000001AAA',
  response: response(status, details),
  files,
  retries: 0,
});

describe('deploy report', () => {
  it('shows one row per component, the Apex code file rather than its meta file, and passes on success', () => {
    const report = reportOf(
      REF,
      REQUEST,
      finished(
        'Succeeded',
        [file('ApexClass', 'RFC_PhiSafeLog', 'force-app/classes/RFC_PhiSafeLog.cls-meta.xml'), file('ApexClass', 'RFC_PhiSafeLog', 'force-app/classes/RFC_PhiSafeLog.cls'), file('PermissionSet', 'RFC_Billing', 'force-app/permissionsets/RFC_Billing.permissionset-meta.xml')],
        { runTestResult: { numTestsRun: '4', numFailures: '0', totalTime: '10', codeCoverage: [{ id: '01p', name: 'RFC_PhiSafeLog', type: 'Class', numLocations: '40', numLocationsNotCovered: '2' }] } }
      ),
      ROOT
    );
    expect(report.components.map((c) => `${c.type} ${c.fullName} ${c.file ?? ''} ${c.state}`)).to.deep.equal([
      'ApexClass RFC_PhiSafeLog force-app/classes/RFC_PhiSafeLog.cls Created',
      'PermissionSet RFC_Billing force-app/permissionsets/RFC_Billing.permissionset-meta.xml Created',
    ]);
    expect(report).to.deep.include({ status: 'Succeeded', conformant: true, deployed: 2, failed: 0, tests: { run: 4, failed: 0, failures: [] } });
    expect(report.coverage).to.deep.equal([{ className: 'RFC_PhiSafeLog', linesCovered: 38, linesTotal: 40, percent: 95 }]);
  });

  it('reports a failed component with its line, problem and what the org lacks, and a failed test', () => {
    const report = reportOf(
      REF,
      REQUEST,
      finished(
        'Failed',
        [
          file('PermissionSet', 'RFC_Billing', 'force-app/permissionsets/RFC_Billing.permissionset-meta.xml', { error: 'Unknown user permission: ViewEncryptedData (12:9)', line: 12, column: 9 }),
          file('CustomObject', 'Patient__c', 'force-app/objects/Patient__c/Patient__c.object-meta.xml'),
        ],
        {
          componentFailures: { changed: 'false', created: 'false', deleted: 'false', createdDate: '', success: 'false', fileName: 'package.xml', fullName: 'package.xml', componentType: '', problem: `session ${TOKEN} is fine` },
          runTestResult: { numTestsRun: '2', numFailures: '1', totalTime: '1', failures: { id: '01p', name: 'RFC_PhiSafeLogTest', methodName: 'masksPhiFieldsOfARecord', message: 'System.AssertException', packageName: '', stackTrace: '', time: '1', type: 'Class' } },
        }
      ),
      ROOT
    );
    const billing = report.components.find((c) => c.fullName === 'RFC_Billing');
    expect(billing).to.deep.include({ state: 'Failed', line: 12, column: 9, problem: 'Unknown user permission: ViewEncryptedData (12:9)' });
    expect(billing?.lacks?.feature).to.equal('the user permission ViewEncryptedData');
    expect(billing?.lacks?.advice).to.include("remove it from the roles' userPermissions");
    expect(report.components.find((c) => c.fullName === 'package.xml')?.problem).to.equal('session <redacted> is fine');
    expect(report).to.deep.include({ status: 'Failed', conformant: false, failed: 2, deployed: 1 });
    expect(report.tests.failures).to.deep.equal([{ className: 'RFC_PhiSafeLogTest', methodName: 'masksPhiFieldsOfARecord', message: 'System.AssertException' }]);
  });

  it('never passes an org whose deploy timed out, erred or never started, and keeps tokens out of the error', () => {
    expect(reportOf(REF, REQUEST, { kind: 'timedOut', id: '0Af000000000002AAA', retries: 1 }, ROOT)).to.deep.include({ status: 'TimedOut', conformant: false, retries: 1, deployId: '0Af000000000002AAA' });
    const error = reportOf(REF, REQUEST, { kind: 'error', error: new Error(`INVALID_SESSION_ID: Bearer ${TOKEN}`), retries: 0 }, ROOT);
    expect(error).to.deep.include({ status: 'Error', conformant: false });
    expect(error.error).not.to.include(TOKEN);
    expect(notStarted(REF, REQUEST, `No authorization for ${TOKEN}`)).to.deep.include({ status: 'NotStarted', conformant: false, error: 'No authorization for <redacted>' });
  });
});

describe('org shape', () => {
  const samples: Record<string, [string, string]> = {
    'user-permission': ['PermissionSet', 'Unknown user permission: ManageEncryptionKeys'],
    'shield-encryption': ['CustomField', 'Platform Encryption is not licensed in this org'],
    'event-monitoring': ['TransactionSecurityPolicy', 'Transaction Security requires Event Monitoring, which is not licensed in this org'],
    field: ['PermissionSet', 'In field: field - no CustomField named Patient__c.SSN__c found'],
    object: ['PermissionSet', 'In field: object - no CustomObject named Patient__c found'],
  };

  it('recognises each missing feature of the table, naming what is missing', () => {
    for (const row of ORG_SHAPE) {
      const [type, problem] = samples[row.id];
      expect(lackOf(type, problem)?.id, row.id).to.equal(row.id);
    }
    expect(lackOf('PermissionSet', samples.field[1])?.name).to.equal('Patient__c.SSN__c');
  });

  it('leaves other problems and other types alone', () => {
    expect(lackOf('ApexClass', 'Variable does not exist: x')).to.equal(undefined);
    expect(lackOf('ApexClass', 'Unknown user permission: X')).to.equal(undefined);
  });
});

describe('deploy helpers', () => {
  it('redacts access tokens, bearer headers and SOAP session ids', () => {
    expect(redact(`a ${TOKEN} b`)).to.equal('a <redacted> b');
    expect(redact('Authorization: Bearer abc.def')).to.equal('Authorization: Bearer <redacted>');
    expect(redact('<sessionId>secret</sessionId>')).to.equal('<sessionId><redacted></sessionId>');
  });

  it('retries server errors and dropped connections, never an expired session', () => {
    expect(isTransient(new Error('ERROR_HTTP_500'))).to.equal(true);
    expect(isTransient(Object.assign(new Error('socket hang up'), { errorCode: 'ECONNRESET' }))).to.equal(true);
    expect(isTransient(new Error('INVALID_SESSION_ID: Session expired or invalid'))).to.equal(false);
    expect(isTransient(new Error('Variable does not exist'))).to.equal(false);
  });

  it('runs at most the given number of tasks at once and keeps the order of results', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((done) => setTimeout(done, ms));
      running--;
      return i;
    });
    expect(results).to.deep.equal([0, 1, 2, 3, 4]);
    expect(peak).to.equal(2);
  });
});
