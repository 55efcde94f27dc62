import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { HipaaDeployResult } from '../../src/commands/hipaa/deploy.js';
import type { HipaaDiffResult } from '../../src/commands/hipaa/diff.js';
import type { HipaaGenerateResult } from '../../src/commands/hipaa/generate.js';
import { isolatedEnv } from '../support/cli.js';
import { startOrgEmulator, type OrgEmulator } from '../support/orgEmulator/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { copyExample, snapshot } from '../support/projects.js';

/** The real Salesforce CLI from npm, pinned in test/e2e/sf (installed by `npm test`). */
const SF = join(REPO_ROOT, 'test', 'e2e', 'sf', 'node_modules', '.bin', 'sf');

type SfRun = { code: number; stdout: string; stderr: string };

describe('sf hipaa deploy and diff through the real sf CLI, against an emulated org', () => {
  let emu: OrgEmulator;
  let project: string;
  // The emulator answers in this process, so the CLI runs asynchronously beside it.
  const env = isolatedEnv({ SF_DISABLE_AUTOUPDATE: 'true', OCLIF_DISABLE_LINKED_ESM_WARNING: 'true', SF_HIPAA_POLL_MS: '200' });
  const sf = async (args: string[], extra: Record<string, string> = {}): Promise<SfRun> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(SF, args, { cwd: project, env: { ...env, ...extra }, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const failed = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
  const json = <T>(run: SfRun): { status: number; result: T } => JSON.parse(run.stdout) as { status: number; result: T };

  before(async () => {
    expect(existsSync(SF), `${SF} (npm ci --prefix test/e2e/sf)`).to.equal(true);
    emu = await startOrgEmulator({ username: 'release@riverside.example', pollsBeforeDone: 2 });
    project = copyExample();
    const link = await sf(['plugins', 'link', REPO_ROOT, '--no-install']);
    expect(link.code, link.stderr).to.equal(0);
  });
  after(async () => emu?.close());

  it('generates, logs in with an access token, deploys with --json, the org holds the baseline, and diff finds nothing', async () => {
    const generated = await sf(['hipaa', 'generate', '--json']);
    expect(generated.code, generated.stderr).to.equal(0);
    expect(json<HipaaGenerateResult>(generated).result.counts.created).to.equal(84);

    const login = await sf(['org', 'login', 'access-token', '--instance-url', emu.instanceUrl, '--no-prompt', '--alias', 'emu', '--json'], { SF_ACCESS_TOKEN: emu.accessToken });
    expect(login.code, login.stdout + login.stderr).to.equal(0);

    const deployed = await sf(['hipaa', 'deploy', '--target-org', 'emu', '--json']);
    expect(deployed.code, deployed.stdout + deployed.stderr).to.equal(0);
    const { status, result } = json<HipaaDeployResult>(deployed);
    expect(status).to.equal(0);
    expect(result.conformant).to.deep.equal(['emu']);
    expect(result.orgs[0]).to.deep.include({ username: 'release@riverside.example', status: 'Succeeded', failed: 0, testLevel: 'RunSpecifiedTests' });
    expect(result.orgs[0].tests.failed).to.equal(0);
    expect(result.orgs[0].tests.run).to.be.greaterThan(0);

    expect(emu.deploys).to.have.length(1);
    expect([...emu.deploys[0].runTests].sort()).to.deep.equal(result.runTests);
    for (const [type, name] of [['PermissionSet', 'RFC_Clinician'], ['Flow', 'RFC_Purge_Patient'], ['CustomField', 'Patient__c.Medical_Record_Number__c'], ['ApexClass', 'RFC_PhiSafeLog'], ['Settings', 'Security']]) {
      expect(emu.org.has(type, name), `${type} ${name}`).to.equal(true);
    }
    expect(deployed.stdout + deployed.stderr).not.to.include(emu.accessToken);
    // Nor in the CLI's logs, caches and auth files (which hold the token encrypted).
    const leaks = [...snapshot(env.HOME as string)].filter(([, text]) => text.includes(emu.accessToken)).map(([path]) => path);
    expect(leaks).to.deep.equal([]);

    const compared = await sf(['hipaa', 'diff', '--target-org', 'emu', '--json']);
    expect(compared.code, compared.stdout + compared.stderr).to.equal(0);
    expect(json<HipaaDiffResult>(compared).result.findings).to.deep.equal([]);
  });

  it('shows per-org tables and the summary to a person, and exits 1 when the org does not conform', async () => {
    emu.inject({ kind: 'componentFailure', type: 'PermissionSet', fullName: 'RFC_Billing', problem: 'In field: field - no CustomField named Patient__c.Insurance_Member_Id__c found', line: 9, column: 5 });
    const run = await sf(['hipaa', 'deploy', '--target-org', 'emu', '--test-level', 'NoTestRun']);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/PermissionSet\s+│?\s*RFC_Billing/);
    expect(run.stdout).to.include('no CustomField named Patient__c.Insurance_Member_Id__c found');
    expect(run.stdout).to.include('0 of 1 org(s) conform to the baseline');
    expect(run.stderr).to.include('Deploying 84 file(s) to 1 org(s)');
    expect(run.stdout + run.stderr).not.to.include(emu.accessToken);
  });
});
