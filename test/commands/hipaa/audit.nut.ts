import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { HipaaAuditResult } from '../../../src/commands/hipaa/audit.js';
import { runPlugin } from '../../support/cli.js';
import { FIXTURES } from '../../support/paths.js';
import { copyProject } from '../../support/projects.js';

describe('hipaa audit (compiled CLI, as a user runs it)', () => {
  it('finds the failure patterns of a project without a profile, by field names, and exits 1', () => {
    const dir = copyProject(join(FIXTURES, 'clinic-project'));
    const run = runPlugin(['hipaa', 'audit', '--json'], { cwd: dir });
    expect(run.status).to.equal(1);
    const result = run.json?.result as HipaaAuditResult;
    expect(result.phiSource).to.equal('heuristics');
    expect(result.findings.filter((f) => f.ruleId === 'phi-field-unencrypted').map((f) => f.component?.fullName)).to.include.members(['Member__c.SSN__c', 'Contact.Medicaid_Id__c']);
    expect(result.findings.some((f) => f.component?.fullName === 'Member__c.Favorite_Color__c')).to.be.false;
    expect(result.findings.find((f) => f.ruleId === 'phi-object-sharing')?.location).to.deep.equal({ file: 'force-app/main/default/objects/Member__c/Member__c.object-meta.xml', line: 10, column: 5 });
  });

  it('writes SARIF for code scanning and honours --fail-on', () => {
    const dir = copyProject(join(FIXTURES, 'clinic-project'));
    const run = runPlugin(['hipaa', 'audit', '--format', 'sarif', '--output-file', 'hipaa.sarif', '--fail-on', 'critical'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'hipaa.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).to.equal('2.1.0');
    expect(sarif.runs[0].results.length).to.be.greaterThan(10);
  });

  it('uses the project profile, and finds nothing wrong in what generate wrote but what the profile leaves out', () => {
    const dir = copyProject(join(FIXTURES, 'merge-project'));
    expect(runPlugin(['hipaa', 'generate'], { cwd: dir }).status).to.equal(0);
    const run = runPlugin(['hipaa', 'audit', '--json'], { cwd: dir });
    const result = run.json?.result as HipaaAuditResult;
    expect(result.phiSource).to.equal('profile');
    expect(result.findings.map((f) => f.ruleId)).to.deep.equal(['phi-object-no-retention']);
    expect(run.status).to.equal(1);
    expect(runPlugin(['hipaa', 'audit', '--fail-on', 'medium'], { cwd: dir }).status).to.equal(0);
  });

  it('stops on an invalid profile and says where', () => {
    const dir = copyProject(join(FIXTURES, 'merge-project'));
    const profile = join(dir, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('category: dates', 'category: date'));
    const run = runPlugin(['hipaa', 'audit'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/hipaa-profile\.yaml:\d+:\d+ phi\.objects\.Contact\.fields\.Birthdate\.category: unknown category "date"/);
  });
});
