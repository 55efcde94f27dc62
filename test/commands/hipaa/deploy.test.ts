import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthInfo, type SfError } from '@salesforce/core';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import { expect } from 'chai';
import sinon from 'sinon';
import { Duration } from '@salesforce/kit';
import HipaaDeploy, { type HipaaDeployResult } from '../../../src/commands/hipaa/deploy.js';
import { prepareDeploy } from '../../../src/deploy/prepare.js';
import { reportOf } from '../../../src/deploy/report.js';
import { deployToOrg } from '../../../src/org/deploy.js';
import { openOrg } from '../../../src/org/orgs.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { startOrgEmulator, type OrgEmulator, type OrgEmulatorOptions } from '../../support/orgEmulator/index.js';
import { copyExample } from '../../support/projects.js';

let orgCount = 0;

/** An emulated org, authorized under an alias like `sf org login access-token` would. */
async function org(alias: string, options: OrgEmulatorOptions = {}): Promise<OrgEmulator> {
  orgCount++;
  const emu = await startOrgEmulator({ username: `${alias}-${orgCount}@clinic.example`, orgId: `00D00000000000${orgCount + 1}AAA`.slice(0, 18), ...options });
  const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: emu.accessToken, instanceUrl: emu.instanceUrl, loginUrl: emu.instanceUrl } });
  await authInfo.save();
  await authInfo.handleAliasAndDefaultSettings({ alias, setDefault: false, setDefaultDevHub: false });
  return emu;
}

async function generatedProject(): Promise<string> {
  const dir = copyExample();
  const project = (await findProject(dir)) as ProjectInfo;
  await generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project, dryRun: false, force: false });
  return dir;
}

describe('hipaa deploy (against emulated orgs)', () => {
  const sandbox = sinon.createSandbox();
  const emulators: OrgEmulator[] = [];
  let ux: ReturnType<typeof stubSfCommandUx>;
  let dir: string;

  const start = async (alias: string, options: OrgEmulatorOptions = {}): Promise<OrgEmulator> => {
    const emu = await org(alias, options);
    emulators.push(emu);
    return emu;
  };
  const deploy = async (...args: string[]): Promise<HipaaDeployResult> => {
    const result: HipaaDeployResult = await HipaaDeploy.run(['--project-dir', dir, ...args]);
    return result;
  };
  /** Everything the command printed, to check for secrets. */
  const printed = (): string => JSON.stringify(Object.values(ux).map((stub) => stub.args));

  before(async () => {
    process.env.SF_HIPAA_POLL_MS = '50';
    dir = await generatedProject();
  });
  after(() => {
    delete process.env.SF_HIPAA_POLL_MS;
  });
  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    stubSpinner(sandbox);
    process.exitCode = undefined;
  });
  afterEach(async () => {
    sandbox.restore();
    process.exitCode = undefined;
    await Promise.all(emulators.splice(0).map((e) => e.close()));
  });

  it('deploys the generated baseline, runs the generated tests without being told their names, and reports coverage', async () => {
    const emu = await start('uat');
    const result = await deploy('--target-org', 'uat');
    const [report] = result.orgs;
    expect(report).to.deep.include({ org: 'uat', status: 'Succeeded', conformant: true, failed: 0, production: false, checkOnly: false });
    expect(report.deployed).to.equal(report.components.length).and.to.be.greaterThan(40);
    expect(result.runTests).to.include.members(['RFC_PhiSafeLogTest', 'RFC_Purge_EncounterTest']);
    expect(emu.deploys[0]).to.deep.include({ testLevel: 'RunSpecifiedTests', checkOnly: false, persisted: true });
    expect([...emu.deploys[0].runTests].sort()).to.deep.equal(result.runTests);
    expect(report.tests.run).to.be.greaterThan(result.runTests.length);
    expect(report.coverage.map((c) => c.className)).to.include('RFC_PhiSafeLog');
    expect(emu.org.has('PermissionSet', 'RFC_Clinician')).to.equal(true);
    expect(emu.org.has('CustomField', 'Patient__c.Medical_Record_Number__c')).to.equal(true);
    expect(result.conformant).to.deep.equal(['uat']);
    expect(process.exitCode ?? 0).to.equal(0);
    expect(printed()).not.to.include(emu.accessToken);
    // What a person reads: the tests run and the coverage of each class, then the summary matrix.
    expect(ux.log.args.flat().join('\n')).to.include(`Apex tests of uat: ${report.tests.run} run, 0 failed`);
    const coverage = ux.table.args.map(([options]) => options as { title?: string; data: Array<Record<string, unknown>> }).find((t) => t.title?.includes('Code coverage in uat'));
    expect(coverage?.data.find((row) => row.class === 'RFC_PhiSafeLog')?.coverage).to.match(/^\d+(\.\d)?%$/);
  });

  it('validates without changing the org on --dry-run', async () => {
    const emu = await start('staging');
    const result = await deploy('--target-org', 'staging', '--dry-run', '--test-level', 'RunLocalTests');
    expect(result.orgs[0]).to.deep.include({ status: 'Succeeded', conformant: true, checkOnly: true, testLevel: 'RunLocalTests' });
    expect(emu.deploys[0]).to.deep.include({ checkOnly: true, persisted: false });
    expect(emu.org.has('PermissionSet', 'RFC_Clinician')).to.equal(false);
  });

  it('deploys to two orgs at once; one failing does not stop the other, and the summary says which conform', async () => {
    await start('dev');
    const lacking = await start('qa', { unknownUserPermissions: ['ApiEnabled'] });
    const result = await deploy('--target-org', 'dev', '--target-org', 'qa', '--concurrency', '2');
    expect(result.orgs.map((o) => `${o.org}:${o.status}`)).to.deep.equal(['dev:Succeeded', 'qa:Failed']);
    expect(result.conformant).to.deep.equal(['dev']);
    expect(result.success).to.equal(false);
    expect(process.exitCode).to.equal(1);
    const failure = result.orgs[1].components.find((c) => c.state === 'Failed');
    expect(failure).to.deep.include({ type: 'PermissionSet', fullName: 'RFC_Clinician', file: 'force-app/main/default/permissionsets/RFC_Clinician.permissionset-meta.xml' });
    expect(failure?.line).to.be.a('number');
    expect(failure?.lacks?.feature).to.equal('the user permission ApiEnabled');
    expect(lacking.org.has('PermissionSet', 'RFC_Clinician')).to.equal(false);
    const warnings = ux.warn.args.map(([w]) => String(w));
    expect(warnings.some((w) => w.startsWith('qa lacks the user permission ApiEnabled: enable the feature'))).to.equal(true);
  });

  it('reports an org it has no authorization for as not started, and deploys to the others', async () => {
    await start('known');
    const result = await deploy('--target-org', 'nobody@nowhere.example', '--target-org', 'known', '--test-level', 'NoTestRun');
    expect(result.orgs.map((o) => `${o.org}:${o.status}`)).to.deep.equal(['nobody@nowhere.example:NotStarted', 'known:Succeeded']);
    expect(result.orgs[0].error).to.match(/nobody@nowhere\.example/);
    expect(process.exitCode).to.equal(1);
  });

  it('says what an org without Shield lacks, with the component and how to proceed', async () => {
    await start('noshield', { shield: false });
    const result = await deploy('--target-org', 'noshield');
    const lacks = result.orgs[0].components.filter((c) => c.lacks).map((c) => `${c.type} ${c.fullName}: ${c.lacks?.feature ?? ''}`);
    expect(lacks).to.include('CustomField Patient__c.Medical_Record_Number__c: Shield Platform Encryption');
    expect(lacks.some((l) => l.startsWith('TransactionSecurityPolicy ') && l.endsWith('Event Monitoring (Shield or the Event Monitoring add-on)'))).to.equal(true);
    expect(result.orgs[0].conformant).to.equal(false);
  });

  it('retries a server error and a dropped connection while polling, and still reports the deploy', async () => {
    const emu = await start('flaky');
    emu.inject({ kind: 'http500', operation: 'checkDeployStatus', times: 2 });
    emu.inject({ kind: 'dropConnection', operation: 'checkDeployStatus' });
    emu.inject({ kind: 'slowPolling', polls: 3 });
    const result = await deploy('--target-org', 'flaky', '--test-level', 'NoTestRun');
    expect(result.orgs[0]).to.deep.include({ status: 'Succeeded', conformant: true });
    expect(result.orgs[0].retries).to.be.at.least(1);
    expect(emu.calls.filter((c) => c.operation === 'checkDeployStatus' && c.status === 500)).to.have.length(2);
  });

  it('reports a server error that persists through the retries as the org\'s error', async () => {
    const emu = await start('down');
    emu.inject({ kind: 'http500', operation: 'checkDeployStatus', times: 50 });
    const result = await deploy('--target-org', 'down', '--test-level', 'NoTestRun');
    expect(result.orgs[0]).to.deep.include({ status: 'Error', conformant: false, retries: 5 });
    expect(result.orgs[0].error).to.include('UNKNOWN_EXCEPTION');
    expect(result.orgs[0].deployId).to.match(/^0Af\w{15}$/);
    expect(process.exitCode).to.equal(1);
  });

  it('reports an expired session and a component failure per org, without a stack or the token', async () => {
    const expired = await start('expired');
    expired.inject({ kind: 'invalidSession', operation: 'deploy', times: 10 });
    const broken = await start('broken');
    broken.inject({ kind: 'componentFailure', type: 'ApexClass', fullName: 'RFC_PhiSafeLog', problem: 'Variable does not exist: payload', line: 42, column: 7 });
    const result = await deploy('--target-org', 'expired', '--target-org', 'broken', '--test-level', 'NoTestRun');
    expect(result.orgs[0]).to.deep.include({ status: 'Error', conformant: false });
    expect(result.orgs[0].error).to.match(/INVALID_SESSION_ID|Session expired/);
    expect(result.orgs[0].error).not.to.include(' at ');
    expect(result.orgs[1].components.find((c) => c.fullName === 'RFC_PhiSafeLog')).to.deep.include({ state: 'Failed', line: 42, column: 7, file: 'force-app/main/default/classes/RFC_PhiSafeLog.cls' });
    expect(broken.org.has('PermissionSet', 'RFC_Clinician')).to.equal(false);
    expect(printed()).not.to.include(expired.accessToken).and.not.to.include(broken.accessToken);
  });

  it('asks before deploying to production, refuses under --json without --no-prompt, and deploys with it', async () => {
    const prod = await start('prod', { isSandbox: false });
    const confirm = sandbox.stub(HipaaDeploy.prototype, 'confirm').resolves(false);
    const declined = await deploy('--target-org', 'prod').catch((e: SfError) => e);
    expect((declined as SfError).name).to.equal('DeclinedError');
    expect(confirm.firstCall.args[0]).to.deep.include({ message: 'Deploy the HIPAA baseline to production org(s) prod?' });
    sandbox.stub(HipaaDeploy.prototype, 'jsonEnabled').returns(true);
    const refused = await deploy('--target-org', 'prod', '--json').catch((e: SfError) => e);
    expect((refused as SfError).name).to.equal('ProductionNeedsConfirmationError');
    expect(prod.deploys).to.have.length(0);
    const result = await deploy('--target-org', 'prod', '--json', '--no-prompt');
    expect(result.orgs[0]).to.deep.include({ production: true, status: 'Succeeded' });
  });

  it('deploys to the target-org configured in the project it deploys, wherever it runs from', async () => {
    const emu = await start('configured');
    const project = await generatedProject();
    mkdirSync(join(project, '.sf'));
    writeFileSync(join(project, '.sf', 'config.json'), JSON.stringify({ 'target-org': 'configured' }));
    const result = await HipaaDeploy.run(['--project-dir', project, '--test-level', 'NoTestRun']);
    expect(result.orgs.map((o) => [o.org, o.status])).to.deep.equal([['configured', 'Succeeded']]);
    expect(emu.deploys).to.have.length(1);
  });

  it('tells a scratch org from production by its Organization record, and deploys to it without asking', async () => {
    const scratch = await start('scratch', { isSandbox: false, scratch: true });
    const confirm = sandbox.stub(HipaaDeploy.prototype, 'confirm').resolves(false);
    const result = await deploy('--target-org', 'scratch', '--test-level', 'NoTestRun');
    expect(confirm.called).to.equal(false);
    expect(result.orgs[0]).to.deep.include({ production: false, status: 'Succeeded' });
    expect(scratch.deploys).to.have.length(1);
  });

  it('never sends a deploy twice: a start that may have reached the org is reported, one that cannot is retried', async () => {
    const dropped = await start('dropped');
    dropped.inject({ kind: 'dropAfterHandling', operation: 'deploy' });
    const failing = await start('failing');
    failing.inject({ kind: 'http500', operation: 'deploy' });
    const busy = await start('busy');
    busy.inject({ kind: 'serviceUnavailable', operation: 'deploy', times: 2 });
    const result = await deploy('--target-org', 'dropped', '--target-org', 'failing', '--target-org', 'busy', '--test-level', 'NoTestRun', '--concurrency', '3');
    // The dropped start had started a deploy in the org: it is not started again, and the user is told to look.
    expect(dropped.deploys).to.have.length(1);
    expect(result.orgs[0]).to.deep.include({ status: 'Error', conformant: false, retries: 0 });
    expect(result.orgs[0].error).to.include('may have reached the org, so it was not sent again');
    expect(failing.calls.filter((c) => c.operation === 'deploy')).to.have.length(1);
    expect(result.orgs[1].error).to.include('UNKNOWN_EXCEPTION').and.include('Deployment Status');
    // A 503 means the org never took the request: sent again, deployed once.
    expect(busy.deploys).to.have.length(1);
    expect(result.orgs[2]).to.deep.include({ status: 'Succeeded', retries: 2 });
    expect(result.conformant).to.deep.equal(['busy']);
  });

  it('leaves a deploy that outlasts the wait running in the org, and reports it by id', async () => {
    const emu = await start('slow');
    emu.inject({ kind: 'slowPolling', polls: 1000 });
    const prepared = await prepareDeploy(join(dir, 'hipaa-profile.yaml'), (await findProject(dir)) as ProjectInfo);
    if (prepared.status !== 'ready') throw new Error(prepared.status);
    const request = { files: prepared.files, sourceApiVersion: '66.0', checkOnly: false, testLevel: 'NoTestRun', runTests: [], wait: Duration.milliseconds(500), pollEvery: Duration.milliseconds(50) } as const;
    const outcome = await deployToOrg((await openOrg('slow', '66.0')).connection, request, () => undefined);
    expect(outcome.kind).to.equal('timedOut');
    const report = reportOf({ org: 'slow', username: emu.username, production: false }, request, outcome, dir);
    expect(report).to.deep.include({ status: 'TimedOut', conformant: false, deployId: emu.deploys[0].id });
    expect(report.error).to.include(emu.deploys[0].id).and.include('goes on in the org');
    expect(emu.deploys[0].status).to.equal('InProgress');
  });

  it('says how to proceed when the session has expired, and never puts a token in the result', async () => {
    const expired = await start('lapsed');
    expired.inject({ kind: 'invalidSession', operation: 'checkDeployStatus', times: 10 });
    const result = await deploy('--target-org', 'lapsed', '--test-level', 'NoTestRun');
    expect(result.orgs[0].error).to.include('log in again').and.include('INVALID_SESSION_ID');
    expect(JSON.stringify(result)).not.to.include(expired.accessToken);
    expect(printed()).not.to.include(expired.accessToken);
  });

  it('refuses a baseline that is stale or edited by hand, naming the files, and deploys it with --force', async () => {
    const emu = await start('drift');
    const stale = await generatedProject();
    const profile = join(stale, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('timeoutMinutes: 15', 'timeoutMinutes: 30'));
    const error = await HipaaDeploy.run(['--project-dir', stale, '--target-org', 'drift']).catch((e: SfError) => e);
    expect((error as SfError).name).to.equal('StaleError');
    expect((error as SfError).message).to.include('force-app/main/default/settings/Security.settings-meta.xml: out of date with the profile');
    expect(emu.deploys).to.have.length(0);
    appendFileSync(join(stale, 'force-app/main/default/classes/RFC_PhiSafeLog.cls'), '// local change\n');
    const edited = await HipaaDeploy.run(['--project-dir', stale, '--target-org', 'drift']).catch((e: SfError) => e);
    expect((edited as SfError).message).to.include('force-app/main/default/classes/RFC_PhiSafeLog.cls: edited by hand since it was generated');
    expect(emu.deploys).to.have.length(0);
    const forced = await HipaaDeploy.run(['--project-dir', stale, '--target-org', 'drift', '--force', '--test-level', 'NoTestRun']);
    expect(forced.orgs[0].status).to.equal('Succeeded');
  });
});
