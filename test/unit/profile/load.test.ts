import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { loadProfile, loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import { EXAMPLE_PROFILE, FIXTURES } from '../../support/paths.js';

const MINIMAL = readFileSync(join(FIXTURES, 'profiles', 'valid', 'minimal.yaml'), 'utf8');

function valid(text: string, project = {}): Profile {
  const result = loadProfileText('p.yaml', text, project);
  if (!result.valid) expect.fail(result.errors.map((e) => `${e.keyPath}: ${e.message}`).join('\n'));
  return result.profile;
}

describe('profile model', () => {
  it('applies the secure defaults to everything the profile omits', () => {
    const p = valid(MINIMAL);
    expect(p.prefix).to.equal('HIPAA');
    expect(p.apiVersion).to.equal('66.0');
    expect(p.session).to.deep.equal({ timeoutMinutes: 15, timeout: 'FifteenMinutes', forceLogout: true, lockToIp: true, lockToDomain: true });
    expect(p.password).to.deep.include({ minLength: 12, expiration: 'NinetyDays', history: 12, maxLoginAttemptsValue: 'FiveAttempts', lockoutInterval: 'ThirtyMinutes' });
    expect(p.mfa.required).to.be.true;
    expect(p.encryption).to.deep.equal({ defaultScheme: 'probabilistic', fieldHistory: true, requireKeyManagerForPolicy: true, deterministicUsed: true });
    expect(p.monitoring.storeEvents).to.include.members(['ApiEvent', 'ReportEvent', 'ListViewEvent', 'LoginEvent']);
    expect(p.admin.forbiddenUserPermissions).to.include.members(['ViewAllData', 'ModifyAllData', 'ExportReport']);
    expect(p.relaxations).to.be.empty;
    const fields = p.objects.flatMap((o) => o.fields);
    for (const f of fields) {
      expect(f.securityClassification, f.fullName).to.equal('Restricted');
      expect(f.complianceGroup).to.equal('HIPAA');
      expect(f.trackHistory).to.be.true;
      expect(f.encrypt).to.not.equal('none');
      expect(f.description).to.match(/^PHI \(/);
    }
    expect(fields.find((f) => f.fullName === 'Patient__c.Birthdate__c')?.encrypt).to.equal('probabilistic');
  });

  it('takes the type of a standard field from the table of standard fields', () => {
    const contact = valid(MINIMAL).objects.find((o) => o.name === 'Contact');
    expect(contact?.fields[0]).to.deep.include({ fullName: 'Contact.Birthdate', type: 'Date', typeSource: 'standard', custom: false });
  });

  it('takes the type of an unscaffolded custom field from the project', () => {
    const text = MINIMAL.replace('Birthdate: { category: dates }', 'Medicaid_Id__c: { category: health-plan }');
    const asked: string[] = [];
    const p = valid(text, {
      field: (object: string, name: string) => {
        asked.push(`${object}.${name}`);
        return object === 'Contact' && name === 'Medicaid_Id__c' ? { type: 'Text' as const, length: 20, label: 'Medicaid Id' } : undefined;
      },
    });
    const field = p.objects.find((o) => o.name === 'Contact')?.fields[0];
    expect(field).to.deep.include({ type: 'Text', typeSource: 'project', length: 20, label: 'Medicaid Id' });
    expect(asked, 'only fields without a type are looked up').to.deep.equal(['Contact.Medicaid_Id__c']);
  });

  it('uses sourceApiVersion when the profile sets no apiVersion', () => {
    expect(valid(MINIMAL, { sourceApiVersion: '62.0' }).apiVersion).to.equal('62.0');
    expect(valid(`apiVersion: "60.0"\n${MINIMAL}`, { sourceApiVersion: '62.0' }).apiVersion).to.equal('60.0');
  });

  it('grants exactly the listed access: edit implies read, other PHI fields are not readable', () => {
    const p = valid(MINIMAL);
    const billing = p.roles.find((r) => r.name === 'Billing');
    expect(billing?.permissionSet).to.equal('HIPAA_Billing');
    expect(billing?.label).to.equal('Billing');
    expect(billing?.objects).to.deep.equal([
      { object: 'Patient__c', access: { read: true, create: false, edit: false, delete: false }, read: ['Patient__c.Medical_Record_Number__c'], edit: [] },
    ]);
    const clinician = p.roles.find((r) => r.name === 'Clinician');
    expect(clinician?.objects[0].edit).to.deep.equal(['Patient__c.Diagnosis__c']);
    expect(clinician?.objects[0].read).to.deep.equal(['Patient__c.Birthdate__c', 'Patient__c.Diagnosis__c', 'Patient__c.Medical_Record_Number__c']);
    const editOnly = valid(MINIMAL.replace('read: [Medical_Record_Number__c] }', 'read: [], edit: [Birthdate__c] }').replace('access: [read], read: []', 'access: [edit], read: []'));
    expect(editOnly.roles.find((r) => r.name === 'Billing')?.objects[0]).to.deep.include({
      access: { read: true, create: false, edit: true, delete: false },
      read: ['Patient__c.Birthdate__c'],
      edit: ['Patient__c.Birthdate__c'],
    });
  });

  it('adds ForceTwoFactor to every role while MFA is required, and not otherwise', () => {
    expect(valid(MINIMAL).roles.map((r) => r.userPermissions)).to.deep.equal([['ForceTwoFactor'], ['ForceTwoFactor']]);
    const off = valid(`${MINIMAL}mfa: { required: false, justification: SSO enforces MFA }\n`);
    expect(off.roles.map((r) => r.userPermissions)).to.deep.equal([[], []]);
  });

  it('uses the default policies when none are listed, and notifies on emergency roles', () => {
    const p = valid(readFileSync(EXAMPLE_PROFILE, 'utf8'));
    expect(p.monitoring.policies.map((x) => [x.name, x.event, x.condition, x.action, x.rowsOver ?? null, x.origin])).to.deep.equal([
      ['BlockPhiReportExport', 'ReportEvent', 'data', 'block', 1000, 'default'],
      ['BlockPhiApiQuery', 'ApiEvent', 'data', 'block', 1000, 'default'],
      ['StepUpPhiListView', 'ListViewEvent', 'data', 'mfa', null, 'default'],
      // The emergency role: its assignment, and PHI read through each data event while it is activated.
      ['NotifyEmergencyAccess', 'PermissionSetEventStore', 'emergencyAssignment', 'notify', null, 'default'],
      ['EmergencyUseApi', 'ApiEvent', 'emergencyUse', 'notify', null, 'default'],
      ['EmergencyUseReport', 'ReportEvent', 'emergencyUse', 'notify', null, 'default'],
      ['EmergencyUseListView', 'ListViewEvent', 'emergencyUse', 'notify', null, 'default'],
    ]);
    for (const policy of p.monitoring.policies.slice(3)) expect(policy.emergencyRoles, policy.name).to.deep.equal(['BreakGlass']);
    const noEmergency = valid(readFileSync(EXAMPLE_PROFILE, 'utf8').replace(/emergency: true/, 'emergency: false'));
    expect(noEmergency.monitoring.policies.map((x) => x.name)).to.deep.equal(['BlockPhiReportExport', 'BlockPhiApiQuery', 'StepUpPhiListView']);
    expect(p.roles.find((r) => r.name === 'BreakGlass')?.emergency).to.be.true;
  });

  it('lists every relaxed control with its justification', () => {
    const p = valid(readFileSync(join(FIXTURES, 'profiles', 'valid', 'relaxed-with-justifications.yaml'), 'utf8'));
    expect(p.relaxations.map((r) => [r.control, r.keyPath])).to.deep.equal([
      ['auth.automatic-logoff', 'session.timeoutMinutes'],
      ['auth.password-policy', 'password.minLength'],
      ['auth.password-policy', 'password.expirationDays'],
      ['auth.mfa', 'mfa.required'],
      ['encryption.at-rest', 'phi.objects.Patient__c.fields.Age__c.encrypt'],
      ['audit.field-history', 'phi.objects.Patient__c.fields.Notes__c.history.track'],
      ['access.privileged-permissions', 'admin.allow[0].permission'],
      ['transmission.oauth-scopes', 'integrations.apps.Legacy_Portal.scopes[1]'],
      ['transmission.oauth-scopes', 'integrations.apps.Legacy_Portal.scopes[2]'],
    ]);
    expect(p.relaxations[3].justification).to.equal('MFA is enforced by the SSO identity provider');
    expect(p.roles[0].userPermissions).to.include('ViewSetup');
  });

  it('is immutable', () => {
    const p = valid(MINIMAL);
    expect(Object.isFrozen(p)).to.be.true;
    expect(Object.isFrozen(p.objects[0].fields[0])).to.be.true;
    expect(() => (p.roles as unknown as unknown[]).push({})).to.throw(TypeError);
  });

  it('does not depend on the order of keys in the file', () => {
    const data = parse(MINIMAL) as { phi: { objects: Record<string, unknown> }; roles: Record<string, unknown> };
    const reversed = {
      ...data,
      phi: { objects: Object.fromEntries(Object.entries(data.phi.objects).reverse()) },
      roles: Object.fromEntries(Object.entries(data.roles).reverse()),
    };
    expect(valid(JSON.stringify(reversed))).to.deep.equal(valid(MINIMAL));
  });

  it('accepts JSON', () => {
    expect(valid(JSON.stringify(parse(MINIMAL))).roles).to.have.length(2);
  });

  it('warns about a justification that covers nothing', () => {
    const result = loadProfileText('p.yaml', `${MINIMAL}session: { timeoutMinutes: 30, justification: Long procedures }\n`);
    expect(result.valid).to.be.true;
    expect(result.warnings.map((w) => [w.keyPath, w.line])).to.deep.equal([['session.justification', 22]]);
  });

  it('reports a missing file as a problem with the file, not an exception', async () => {
    const result = await loadProfile(join(tmpdir(), 'no-such-profile.yaml'));
    expect(result.valid).to.be.false;
    expect(result.valid ? undefined : result.errors[0]).to.deep.include({ line: 0, message: 'file not found' });
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');
    const result = loadProfileText('p.yaml', bomb);
    expect(result.valid ? '' : result.errors[0].message).to.match(/alias/i);
  });

  it('reads a profile file from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-'));
    writeFileSync(join(dir, 'p.yaml'), MINIMAL);
    const result = await loadProfile(join(dir, 'p.yaml'));
    expect(result.valid && result.profile.file).to.equal(join(dir, 'p.yaml'));
  });
});
