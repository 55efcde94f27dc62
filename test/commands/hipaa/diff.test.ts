import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, type SfError } from '@salesforce/core';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import { expect } from 'chai';
import sinon from 'sinon';
import HipaaDeploy from '../../../src/commands/hipaa/deploy.js';
import HipaaDiff, { type HipaaDiffResult } from '../../../src/commands/hipaa/diff.js';
import { citationsOf } from '../../../src/controls/catalog.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { startOrgEmulator, type OrgEmulator } from '../../support/orgEmulator/index.js';
import { copyExample, snapshot } from '../../support/projects.js';

/** Changes one file of the emulated org, as an admin would in Setup. */
function tamper(emu: OrgEmulator, path: string, from: string, to: string): void {
  const text = emu.org.file(path);
  if (!text?.includes(from)) throw new Error(`${path} has no ${from}`);
  emu.org.setFile(path, text.replace(from, to));
}

/** Every file of the emulated org, to put it back as it was deployed. */
const snapshotOrg = (emu: OrgEmulator): Map<string, string> => new Map(emu.org.paths().map((p) => [p, emu.org.file(p) ?? '']));

function restoreOrg(emu: OrgEmulator, files: Map<string, string>): void {
  for (const path of emu.org.paths()) if (!files.has(path)) emu.org.deleteFile(path);
  for (const [path, text] of files) if (emu.org.file(path) !== text) emu.org.setFile(path, text);
}

/** The temporary directories retrieves write to (other tests make some of the same name, and keep them). */
const retrieveDirs = (): string[] => readdirSync(tmpdir()).filter((d) => d.startsWith('sf-hipaa-diff-'));

const SUPPORT_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <fieldPermissions>
        <editable>false</editable>
        <field>Account.Industry</field>
        <readable>true</readable>
    </fieldPermissions>
    <fieldPermissions>
        <editable>true</editable>
        <field>Patient__c.Diagnosis__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <userPermissions>
        <enabled>true</enabled>
        <name>ExportReport</name>
    </userPermissions>
</Profile>
`;

describe('hipaa diff (generate, deploy to an emulated org, compare)', () => {
  const sandbox = sinon.createSandbox();
  let emu: OrgEmulator;
  let deployed: Map<string, string>;
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
    deployed = snapshotOrg(emu);
  });
  after(async () => {
    delete process.env.SF_HIPAA_POLL_MS;
    await emu.close();
  });
  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    stubSpinner(sandbox);
    process.exitCode = undefined;
    restoreOrg(emu, deployed);
    emu.clearFaults();
  });
  afterEach(() => {
    sandbox.restore();
    process.exitCode = undefined;
  });

  it('finds nothing right after the deploy, writes nothing to the project, and leaves no retrieved files behind', async () => {
    const before = snapshot(dir);
    const dirsBefore = retrieveDirs();
    const result = await diff('--target-org', 'weekly');
    expect(result.findings).to.deep.equal([]);
    expect(result.open).to.deep.equal({ missing: 0, drift: 0, excess: 0 });
    expect(process.exitCode ?? 0).to.equal(0);
    expect(ux.log.args.flat().join('\n')).to.include('officer@riverside.example matches the baseline');
    expect(snapshot(dir)).to.deep.equal(before);
    expect(retrieveDirs()).to.deep.equal(dirsBefore);
    // What it asked the org for: the baseline and every permission holder.
    const request = emu.calls.filter((c) => c.operation === 'retrieve');
    expect(request.length).to.be.greaterThan(0);
  });

  it('detects each change an admin makes in the org, element by element, with expected and actual values and the citation', async () => {
    tamper(emu, 'objects/Patient__c.object', '<encryptionScheme>CaseSensitiveDeterministicEncryption</encryptionScheme>', '<encryptionScheme>None</encryptionScheme>');
    tamper(emu, 'objects/Encounter__c.object', '<trackHistory>true</trackHistory>', '<trackHistory>false</trackHistory>');
    tamper(emu, 'settings/Security.settings', '<sessionTimeout>FifteenMinutes</sessionTimeout>', '<sessionTimeout>TwelveHours</sessionTimeout>');
    tamper(emu, 'transactionSecurityPolicies/RFC_BlockPhiApiQuery.transactionSecurityPolicy', '<active>true</active>', '<active>false</active>');
    tamper(emu, 'transactionSecurityPolicies/RFC_BlockPhiReportExport.transactionSecurityPolicy', '<block>true</block>', '<block>false</block>');
    tamper(emu, 'flows/RFC_Purge_Patient.flow', '<status>Active</status>', '<status>Draft</status>');
    const shadow = (emu.org.file('permissionsets/RFC_Billing.permissionset') ?? '').replace(/RFC_Billing|Billing/g, 'Shadow_Billing').replace('<field>Patient__c.Diagnosis__c</field>\n        <readable>false</readable>', '<field>Patient__c.Diagnosis__c</field>\n        <readable>true</readable>');
    emu.org.setFile('permissionsets/Shadow_Billing.permissionset', shadow);
    emu.org.setFile('profiles/Support.profile', SUPPORT_PROFILE);
    emu.org.deleteFile('permissionsets/RFC_FrontDesk.permissionset');

    const result = await diff('--target-org', 'weekly');
    const seen = result.findings.map((f) => [f.kind, `${f.component?.type ?? ''} ${f.component?.fullName ?? ''}`, f.element, f.expected, f.actual, f.control, citationsOf([f.control])[0].cfr]);
    const policies = citationsOf(['audit.transaction-policies'])[0].cfr;
    expect(seen).to.have.deep.members([
      ['missing', 'PermissionSet RFC_FrontDesk', 'PermissionSet', 'present', undefined, 'access.minimum-necessary', '164.502(b)'],
      ['drift', 'CustomField Patient__c.Medical_Record_Number__c', 'encryptionScheme', 'CaseSensitiveDeterministicEncryption', 'None', 'encryption.at-rest', '164.312(a)(2)(iv)'],
      ['drift', 'CustomField Encounter__c.Chief_Complaint__c', 'trackHistory', 'true', 'false', 'audit.field-history', '164.312(b)'],
      ['drift', 'Settings Security', 'sessionSettings.sessionTimeout', 'FifteenMinutes', 'TwelveHours', 'auth.automatic-logoff', '164.312(a)(2)(iii)'],
      ['drift', 'TransactionSecurityPolicy RFC_BlockPhiApiQuery', 'active', 'true', 'false', 'audit.transaction-policies', policies],
      ['drift', 'TransactionSecurityPolicy RFC_BlockPhiReportExport', 'action.block', 'true', 'false', 'audit.transaction-policies', policies],
      ['drift', 'Flow RFC_Purge_Patient', 'status', 'Active', 'Draft', 'disposal.retention', '164.310(d)(2)(i)'],
      // A profile is seen through the retrieve: a forbidden permission, and edit of a PHI field no role grants.
      ['excess', 'Profile Support', 'userPermissions[ExportReport].enabled', 'false', 'true', 'access.privileged-permissions', citationsOf(['access.privileged-permissions'])[0].cfr],
      ['excess', 'Profile Support', 'fieldPermissions[Patient__c.Diagnosis__c].editable', 'false', 'true', 'access.minimum-necessary', '164.502(b)'],
      // A copy of a role's permission set is outside the roles: every PHI field it reads is excess.
      ...['Encounter__c.Visit_Date__c', 'Patient__c.Diagnosis__c', 'Patient__c.Insurance_Member_Id__c', 'Patient__c.Medical_Record_Number__c'].map((field) => [
        'excess',
        'PermissionSet Shadow_Billing',
        `fieldPermissions[${field}].readable`,
        'false',
        'true',
        'access.minimum-necessary',
        '164.502(b)',
      ]),
    ]);
    expect(result.open).to.deep.equal({ missing: 1, drift: 6, excess: 6 });
    expect(result.findings.every((f) => f.location === undefined && f.severity !== undefined)).to.equal(true);
    expect(process.exitCode).to.equal(1);
    const table = JSON.stringify(ux.table.args);
    expect(table).to.include('TwelveHours').and.include('164.312(a)(2)(iii)');
  });

  it('sees access added to a role: another PHI object, View All on one, a forbidden permission', async () => {
    // Billing has no access to Contact; the org gives it read and View All.
    tamper(
      emu,
      'permissionsets/RFC_Billing.permissionset',
      '<objectPermissions>',
      '<objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Contact</object>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>\n    <objectPermissions>'
    );
    tamper(emu, 'permissionsets/RFC_Clinician.permissionset', '<userPermissions>', '<userPermissions>\n        <enabled>true</enabled>\n        <name>ModifyAllData</name>\n    </userPermissions>\n    <userPermissions>');
    const result = await diff('--target-org', 'weekly', '--fail-on', 'missing');
    expect(result.findings.map((f) => [f.kind, f.component?.fullName, f.element, f.actual])).to.have.deep.members([
      ['drift', 'RFC_Billing', 'objectPermissions[Contact].allowRead', 'true'],
      ['drift', 'RFC_Billing', 'objectPermissions[Contact].viewAllRecords', 'true'],
      ['excess', 'RFC_Clinician', 'userPermissions[ModifyAllData].enabled', 'true'],
    ]);
    // Nothing is missing, so --fail-on missing passes.
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('fails only on the kinds --fail-on names, and writes the report to a file', async () => {
    emu.org.setFile('profiles/Support.profile', SUPPORT_PROFILE);
    const out = join(mkdtempSync(join(tmpdir(), 'sf-hipaa-diff-out-')), 'diff.json');
    const result = await diff('--target-org', 'weekly', '--fail-on', 'missing,drift', '--format', 'json', '--output-file', out);
    expect(result.open).to.deep.include({ missing: 0, drift: 0 });
    expect(result.open.excess).to.be.greaterThan(0);
    expect(process.exitCode ?? 0).to.equal(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { findings: Array<{ kind: string; citations: string[] }> };
    expect(written.findings.filter((f) => f.kind === 'excess').every((f) => f.citations.length > 0)).to.equal(true);
    await diff('--target-org', 'weekly', '--fail-on', 'excess', '--format', 'json');
    expect(process.exitCode).to.equal(1);
    process.exitCode = undefined;
    await diff('--target-org', 'weekly', '--fail-on', 'none', '--format', 'json');
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('refuses the table as a file before reading the org', async () => {
    const calls = emu.calls.length;
    const error = await diff('--target-org', 'weekly', '--output-file', join(tmpdir(), 'table.txt')).catch((e: SfError) => e);
    expect((error as SfError).name).to.equal('TableToFileError');
    expect(emu.calls.length).to.equal(calls);
  });

  it('stops with the reason when the org cannot be read, and leaves nothing behind', async () => {
    emu.inject({ kind: 'http500', operation: 'checkRetrieveStatus', times: 50 });
    const dirsBefore = retrieveDirs();
    const error = await diff('--target-org', 'weekly').catch((e: SfError) => e);
    expect((error as SfError).name).to.equal('RetrieveError');
    expect((error as SfError).message).to.include('officer@riverside.example').and.include('UNKNOWN_EXCEPTION');
    expect((error as SfError).message).not.to.include(emu.accessToken);
    expect(retrieveDirs()).to.deep.equal(dirsBefore);
  });

  it('compares a source directory the same way, with locations at the files', async () => {
    const result = await diff('--source-dir', join(dir, 'force-app'));
    expect(result.findings).to.deep.equal([]);
    const file = join(dir, 'force-app/main/default/settings/Security.settings-meta.xml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('<sessionTimeout>FifteenMinutes</sessionTimeout>', '<sessionTimeout>TwoHours</sessionTimeout>'));
    try {
      const drifted = await diff('--source-dir', join(dir, 'force-app'), '--format', 'sarif');
      expect(drifted.findings.map((f) => [f.kind, f.element, f.expected, f.actual, f.location?.file])).to.deep.equal([
        ['drift', 'sessionSettings.sessionTimeout', 'FifteenMinutes', 'TwoHours', 'force-app/main/default/settings/Security.settings-meta.xml'],
      ]);
      expect(process.exitCode).to.equal(1);
    } finally {
      writeFileSync(file, text);
    }
  });
});
