import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ProfileInitResult } from '../../../../src/commands/hipaa/profile/init.js';
import type { ProfileValidateResult } from '../../../../src/commands/hipaa/profile/validate.js';
import { runPlugin } from '../../../support/cli.js';
import { FIXTURES, REPO_ROOT } from '../../../support/paths.js';

describe('hipaa profile (compiled CLI, as a user runs it)', () => {
  it('validates the bundled example from the project root', () => {
    const run = runPlugin(['hipaa', 'profile', 'validate']);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.include('Riverside Family Clinic: prefix RFC, API version 66.0');
    expect(run.stdout).to.include('hipaa-profile.yaml is valid.');
  });

  it('reports a typo with where it is and what to write instead, and exits 1 without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-nut-'));
    const file = join(dir, 'hipaa-profile.yaml');
    const text = readFileSync(join(REPO_ROOT, 'hipaa-profile.yaml'), 'utf8').replace('lockToIp: true', 'lockToIP: true');
    writeFileSync(file, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('lockToIP')) + 1;
    const column = lines[line - 1].indexOf('lockToIP') + 1;
    const run = runPlugin(['hipaa', 'profile', 'validate', '--profile', file]);
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include(`${file}:${line}:${column} session.lockToIP: unknown key "lockToIP"`);
    expect(run.stderr).to.include('Legal: did you mean "lockToIp"?');
    expect(run.stderr).to.not.match(/\n\s+at /);
  });

  it('returns the typed result under --json, with status 1 when invalid', () => {
    const ok = runPlugin(['hipaa', 'profile', 'validate', '--json']);
    expect(ok.json?.status).to.equal(0);
    expect((ok.json?.result as ProfileValidateResult).summary?.policies).to.have.length(7);

    const bad = runPlugin(['hipaa', 'profile', 'validate', '--profile', join(FIXTURES, 'profiles', 'invalid', 'endpoint-http.yaml'), '--json']);
    expect(bad.status).to.equal(1);
    const result = bad.json?.result as ProfileValidateResult;
    expect(result.valid).to.be.false;
    expect(result.errors[0]).to.deep.include({ keyPath: 'integrations.endpoints.EHR_API.url', line: 25, column: 21 });
  });

  it('writes a profile from a project that then validates, and refuses to overwrite it', () => {
    const project = join(mkdtempSync(join(tmpdir(), 'sf-hipaa-nut-')), 'clinic-project');
    cpSync(join(FIXTURES, 'clinic-project'), project, { recursive: true });
    const init = runPlugin(['hipaa', 'profile', 'init', '--from-project', '--json'], { cwd: project });
    expect(init.status, init.stdout + init.stderr).to.equal(0);
    expect((init.json?.result as ProfileInitResult).candidates).to.have.length(7);

    const validate = runPlugin(['hipaa', 'profile', 'validate'], { cwd: project });
    expect(validate.status, validate.stderr).to.equal(0);

    const again = runPlugin(['hipaa', 'profile', 'init', '--json'], { cwd: project });
    expect(again.status).to.equal(1);
    expect(again.json?.name).to.equal('FileExistsError');
  });
});
