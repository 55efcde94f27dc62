import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SfError } from '@salesforce/core';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import { expect } from 'chai';
import sinon from 'sinon';
import ProfileInit from '../../../../src/commands/hipaa/profile/init.js';
import { loadProfile } from '../../../../src/profile/load.js';
import { projectFacts, findProject } from '../../../../src/shared/project.js';
import { FIXTURES } from '../../../support/paths.js';

describe('hipaa profile init', () => {
  const sandbox = sinon.createSandbox();
  let project: string;

  beforeEach(() => {
    stubSfCommandUx(sandbox);
    project = join(mkdtempSync(join(tmpdir(), 'sf-hipaa-init-')), 'clinic-project');
    cpSync(join(FIXTURES, 'clinic-project'), project, { recursive: true });
  });
  afterEach(() => {
    sandbox.restore();
    process.exitCode = undefined;
  });

  it('writes a starter profile at the project root that validates', async () => {
    const result = await ProfileInit.run(['--project-dir', project]);
    expect(result.fromProject).to.be.false;
    const written = join(project, 'hipaa-profile.yaml');
    expect(existsSync(written)).to.be.true;
    const loaded = await loadProfile(written);
    expect(loaded.valid).to.be.true;
    expect(loaded.valid && loaded.profile.apiVersion).to.equal('64.0');
  });

  it('proposes the PHI fields of the project, read through its source, each marked for review', async () => {
    const result = await ProfileInit.run(['--project-dir', project, '--from-project']);
    expect(result.candidates.map((c) => `${c.object}.${c.field}:${c.category}`)).to.deep.equal([
      'Contact.Medicaid_Id__c:health-plan',
      'Member__c.Contact_Email__c:email',
      'Member__c.Date_of_Birth__c:dates',
      'Member__c.Home_Phone__c:phone',
      'Member__c.Insurance_Number__c:health-plan',
      'Member__c.Primary_Diagnosis__c:clinical',
      'Member__c.SSN__c:ssn',
    ]);
    const text = readFileSync(result.path, 'utf8');
    expect(text.match(/# REVIEW: proposed as/g)).to.have.length(6);
    expect(text).to.not.match(/Favorite_Color__c|Age__c:/);
    const loaded = await loadProfile(result.path, projectFacts(await findProject(project)));
    expect(loaded.valid, JSON.stringify(loaded.valid ? [] : loaded.errors)).to.be.true;
  });

  it('never overwrites an existing file without --force, and leaves no temporary file', async () => {
    const file = join(project, 'mine.yaml');
    writeFileSync(file, '# written by hand\n');
    try {
      await ProfileInit.run(['--project-dir', project, '--output-file', file]);
      expect.fail('expected FileExistsError');
    } catch (e) {
      expect((e as SfError).name).to.equal('FileExistsError');
      expect((e as SfError).actions?.[0]).to.match(/--force/);
    }
    expect(readFileSync(file, 'utf8')).to.equal('# written by hand\n');
    expect(readdirSync(project).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);

    await ProfileInit.run(['--project-dir', project, '--output-file', file, '--force']);
    expect(readFileSync(file, 'utf8')).to.match(/^# yaml-language-server: \$schema=/);
  });

  it('needs a project for --from-project', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sf-hipaa-noproject-'));
    try {
      await ProfileInit.run(['--project-dir', empty, '--from-project']);
      expect.fail('expected NoProjectError');
    } catch (e) {
      expect((e as SfError).name).to.equal('NoProjectError');
    }
    expect(readdirSync(empty)).to.deep.equal([]);
  });
});
