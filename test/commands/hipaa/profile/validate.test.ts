import { join } from 'node:path';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import { expect } from 'chai';
import sinon from 'sinon';
import ProfileValidate from '../../../../src/commands/hipaa/profile/validate.js';
import { FIXTURES, REPO_ROOT } from '../../../support/paths.js';

const PROJECT = join(FIXTURES, 'clinic-project');

describe('hipaa profile validate', () => {
  // No org is involved: a plain sandbox keeps sfdx-project.json real (TestContext would stub it).
  const sandbox = sinon.createSandbox();
  let ux: ReturnType<typeof stubSfCommandUx>;

  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    process.exitCode = undefined;
  });
  afterEach(() => {
    sandbox.restore();
    process.exitCode = undefined;
  });

  it('summarizes the bundled example', async () => {
    const result = await ProfileValidate.run(['--project-dir', REPO_ROOT]);
    expect(result.valid).to.be.true;
    expect(result.errors).to.deep.equal([]);
    expect(result.summary?.organization).to.equal('Riverside Family Clinic');
    expect(result.summary?.roles.map((r) => r.permissionSet)).to.deep.equal(['RFC_Billing', 'RFC_BreakGlass', 'RFC_Clinician', 'RFC_FrontDesk']);
    expect(result.summary?.fieldsByCategory).to.deep.include({ dates: 4, clinical: 3, behavioral: 1 });
    expect(process.exitCode ?? 0).to.equal(0);
    expect(ux.styledHeader.args.map(([h]) => h)).to.deep.equal(['PHI objects', 'Roles', 'Transaction security policies', 'Relaxed controls']);
    expect(result.summary?.relaxations.map((r) => r.keyPath)).to.deep.equal(['phi.objects.Patient__c.fields.Discharge_Date__c.encrypt']);
    expect(ux.log.args.map(([l]) => l)).to.include('RFC_BreakGlass  BreakGlass (emergency, session-activated): reads 13 PHI field(s), edits 0, on Contact, Encounter__c, Patient__c');
    expect(ux.logSuccess.firstCall.args[0]).to.match(/hipaa-profile\.yaml is valid\.$/);
  });

  it('lists relaxed controls with their justifications', async () => {
    const result = await ProfileValidate.run(['--profile', join(FIXTURES, 'profiles', 'valid', 'relaxed-with-justifications.yaml')]);
    expect(result.summary?.relaxations.find((r) => r.control === 'auth.mfa')?.justification).to.equal('MFA is enforced by the SSO identity provider');
    expect(ux.styledHeader.args.map(([h]) => h)).to.include('Relaxed controls');
    expect(ux.log.args.map(([l]) => l)).to.include('auth.mfa                       mfa.required: false. Justification: "MFA is enforced by the SSO identity provider"');
  });

  it('reports every problem with its location, sets exit code 1 and does not throw', async () => {
    const file = join(FIXTURES, 'profiles', 'invalid', 'unknown-category.yaml');
    const result = await ProfileValidate.run(['--profile', file]);
    expect(result.valid).to.be.false;
    expect(result.summary).to.be.undefined;
    expect(result.errors.map((e) => `${e.line}:${e.column} ${e.keyPath}`)).to.deep.equal([
      '12:35 phi.objects.Patient__c.fields.Diagnosis__c.category',
      '22:63 roles.Clinician.objects.Patient__c.edit[0]',
    ]);
    expect(process.exitCode).to.equal(1);
  });

  it('reads field types from the project when the profile gives none', async () => {
    const file = join(FIXTURES, 'profiles', 'project-types.yaml');
    const withProject = await ProfileValidate.run(['--profile', file, '--project-dir', PROJECT]);
    expect(withProject.valid, JSON.stringify(withProject.errors)).to.be.true;
    process.exitCode = undefined;
    const withoutProject = await ProfileValidate.run(['--profile', file, '--project-dir', REPO_ROOT]);
    expect(withoutProject.errors.map((e) => e.message)).to.deep.equal([
      'the type of Member__c.SSN__c is unknown',
      'the type of Member__c.Age__c is unknown',
    ]);
  });

  it('says the file is missing', async () => {
    const result = await ProfileValidate.run(['--profile', join(FIXTURES, 'nope.yaml')]);
    expect(result.errors[0]).to.deep.include({ message: 'file not found', line: 0 });
    expect(process.exitCode).to.equal(1);
  });
});
