import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { HipaaGenerateResult } from '../../../src/commands/hipaa/generate.js';
import { runPlugin } from '../../support/cli.js';
import { copyExample, snapshot } from '../../support/projects.js';

describe('hipaa generate (compiled CLI, as a user runs it)', () => {
  it('generates the example baseline, then finds it up to date', () => {
    const dir = copyExample();
    const first = runPlugin(['hipaa', 'generate', '--json'], { cwd: dir });
    expect(first.status, first.stdout + first.stderr).to.equal(0);
    const result = first.json?.result as HipaaGenerateResult;
    expect(result.written).to.be.true;
    expect(result.counts).to.deep.equal({ created: 84, changed: 0, unchanged: 0, removed: 0 });
    expect(result.files.find((f) => f.fullName === 'RFC_BreakGlass')).to.deep.include({ type: 'PermissionSet', action: 'created', path: 'force-app/main/default/permissionsets/RFC_BreakGlass.permissionset-meta.xml' });
    expect(result.files.find((f) => f.fullName === 'RFC_BreakGlass')?.controls).to.include('access.emergency');

    const second = runPlugin(['hipaa', 'generate'], { cwd: dir });
    expect(second.status).to.equal(0);
    expect(second.stdout).to.include('is up to date');
  });

  it('prints the plan on a dry run and writes nothing', () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const run = runPlugin(['hipaa', 'generate', '--dry-run'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/PermissionSet\W+5\W+0\W+0\W+0\W/);
    expect(run.stdout).to.include('Dry run: 84 file(s) would change; nothing was written.');
    expect(snapshot(dir)).to.deep.equal(before);
  });

  it('exits 1 and names the file when a generated file was edited by hand', () => {
    const dir = copyExample();
    runPlugin(['hipaa', 'generate'], { cwd: dir });
    const path = join(dir, 'force-app/main/default/settings/Security.settings-meta.xml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('FifteenMinutes', 'TwoHours'));
    const run = runPlugin(['hipaa', 'generate', '--json'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.json?.name).to.equal('EditedByHandError');
    expect(run.json?.message).to.include('force-app/main/default/settings/Security.settings-meta.xml');
  });

  it('exits 1 on an invalid profile, says where, and writes nothing', () => {
    const dir = copyExample();
    const profile = join(dir, 'hipaa-profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('url: https://ehr', 'url: http://ehr'));
    const before = snapshot(dir);
    const run = runPlugin(['hipaa', 'generate'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/hipaa-profile\.yaml:\d+:\d+ integrations\.endpoints\.EHR_API\.url: "http:\/\/ehr/);
    expect(run.stderr).to.include('nothing was written');
    expect(snapshot(dir)).to.deep.equal(before);
  });
});
