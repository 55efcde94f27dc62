import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo } from '@salesforce/core';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import { expect } from 'chai';
import sinon from 'sinon';
import HipaaDeploy from '../../../src/commands/hipaa/deploy.js';
import HipaaDiff, { type HipaaDiffResult } from '../../../src/commands/hipaa/diff.js';
import { citationsOf } from '../../../src/controls/catalog.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { startOrgEmulator, type OrgEmulator } from '../../support/orgEmulator/index.js';
import { copyExample } from '../../support/projects.js';

/** Changes one file of the emulated org, as an admin would in Setup. */
function tamper(emu: OrgEmulator, path: string, from: string, to: string): void {
  const text = emu.org.file(path);
  if (!text?.includes(from)) throw new Error(`${path} has no ${from}`);
  emu.org.setFile(path, text.replace(from, to));
}

describe('hipaa diff (generate, deploy to an emulated org, compare)', () => {
  const sandbox = sinon.createSandbox();
  let emu: OrgEmulator;
  let dir: string;
  let ux: ReturnType<typeof stubSfCommandUx>;

  const diff = async (...args: string[]): Promise<HipaaDiffResult> => {
    const result: HipaaDiffResult = await HipaaDiff.run(['--project-dir', dir, ...args]);
    return result;
  };

  before(async () => {
    process.env.SF_HIPAA_POLL_MS = '50';
    emu = await startOrgEmulator({ username: 'officer@riverside.example', orgId: '00D000000000077AAA' });
    const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: emu.accessToken, instanceUrl: emu.instanceUrl, loginUrl: emu.instanceUrl } });
    await authInfo.save();
    await authInfo.handleAliasAndDefaultSettings({ alias: 'weekly', setDefault: false, setDefaultDevHub: false });
    dir = copyExample();
    await generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project: (await findProject(dir)) as ProjectInfo, dryRun: false, force: false });
    stubSfCommandUx(sandbox);
    stubSpinner(sandbox);
    await HipaaDeploy.run(['--project-dir', dir, '--target-org', 'weekly', '--test-level', 'NoTestRun']);
    sandbox.restore();
  });
  after(async () => {
    delete process.env.SF_HIPAA_POLL_MS;
    await emu.close();
  });
  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    stubSpinner(sandbox);
    process.exitCode = undefined;
  });
  afterEach(() => {
    sandbox.restore();
    process.exitCode = undefined;
  });

  it('finds nothing right after the deploy, retrieving the baseline and every permission holder', async () => {
    const result = await diff('--target-org', 'weekly');
    expect(result.findings).to.deep.equal([]);
    expect(result.open).to.deep.equal({ missing: 0, drift: 0, excess: 0 });
    expect(process.exitCode ?? 0).to.equal(0);
    expect(ux.log.args.flat().join('\n')).to.include('officer@riverside.example matches the baseline');
  });

  it('detects each change an admin makes in the org, with its citation, and fails the run', async () => {
    tamper(emu, 'objects/Patient__c.object', '<encryptionScheme>CaseSensitiveDeterministicEncryption</encryptionScheme>', '<encryptionScheme>None</encryptionScheme>');
    tamper(emu, 'settings/Security.settings', '<sessionTimeout>FifteenMinutes</sessionTimeout>', '<sessionTimeout>TwelveHours</sessionTimeout>');
    tamper(emu, 'transactionSecurityPolicies/RFC_BlockPhiApiQuery.transactionSecurityPolicy', '<active>true</active>', '<active>false</active>');
    const shadow = (emu.org.file('permissionsets/RFC_Billing.permissionset') ?? '').replace(/RFC_Billing|Billing/g, 'Shadow_Billing').replace('<field>Patient__c.Diagnosis__c</field>\n        <readable>false</readable>', '<field>Patient__c.Diagnosis__c</field>\n        <readable>true</readable>');
    emu.org.setFile('permissionsets/Shadow_Billing.permissionset', shadow);
    emu.org.setFile(
      'profiles/Support.profile',
      '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ExportReport</name>\n    </userPermissions>\n</Profile>\n'
    );
    const flow = emu.org.file('flows/RFC_Purge_Patient.flow') ?? '';
    emu.org.deleteFile('flows/RFC_Purge_Patient.flow');

    const result = await diff('--target-org', 'weekly');
    const seen = result.findings.map((f) => [f.kind, `${f.component?.type ?? ''} ${f.component?.fullName ?? ''}`, f.element, f.control, citationsOf([f.control])[0].cfr]);
    expect(seen).to.have.deep.members([
      ['missing', 'Flow RFC_Purge_Patient', undefined, 'disposal.retention', '164.310(d)(2)(i)'],
      ['drift', 'CustomField Patient__c.Medical_Record_Number__c', 'encryptionScheme', 'encryption.at-rest', '164.312(a)(2)(iv)'],
      ['drift', 'Settings Security', 'sessionSettings.sessionTimeout', 'auth.automatic-logoff', '164.312(a)(2)(iii)'],
      ['drift', 'TransactionSecurityPolicy RFC_BlockPhiApiQuery', 'active', 'audit.transaction-policies', citationsOf(['audit.transaction-policies'])[0].cfr],
      ['excess', 'Profile Support', 'userPermissions[ExportReport]', 'access.privileged-permissions', citationsOf(['access.privileged-permissions'])[0].cfr],
      // A copy of a role's permission set is outside the roles: every PHI field it reads is excess.
      ...['Encounter__c.Visit_Date__c', 'Patient__c.Diagnosis__c', 'Patient__c.Insurance_Member_Id__c', 'Patient__c.Medical_Record_Number__c'].map((field) => [
        'excess',
        'PermissionSet Shadow_Billing',
        `fieldPermissions[${field}]`,
        'access.minimum-necessary',
        '164.502(b)',
      ]),
    ]);
    expect(result.open).to.deep.equal({ missing: 1, drift: 3, excess: 5 });
    expect(result.notInOrg.join('\n')).to.include('RFC_Purge_Patient');
    emu.org.setFile('flows/RFC_Purge_Patient.flow', flow);
    expect(result.findings.every((f) => f.location === undefined)).to.equal(true);
    expect(process.exitCode).to.equal(1);
  });

  it('fails only on the kinds --fail-on names, and writes the report to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sf-hipaa-diff-out-')), 'diff.json');
    const result = await diff('--target-org', 'weekly', '--fail-on', 'missing', '--format', 'json', '--output-file', out);
    expect(result.open.drift).to.be.greaterThan(0);
    expect(process.exitCode ?? 0).to.equal(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ kind: string; citations: string[] }> };
    expect(written.findings.filter((f) => f.kind === 'drift').every((f) => f.citations.length > 0)).to.equal(true);
  });

  it('compares a source directory the same way, with locations at the files', async () => {
    const result = await diff('--source-dir', join(dir, 'force-app'));
    expect(result.findings).to.deep.equal([]);
  });
});
