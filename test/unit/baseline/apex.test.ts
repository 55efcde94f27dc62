import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseApex } from '../../../src/audit/apex.js';
import { auditApex } from '../../../src/audit/apex.js';
import { inventoryFromProfile } from '../../../src/audit/inventory.js';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import { EXAMPLE_PROFILE, FIXTURES } from '../../support/paths.js';

function load(file: string): Profile {
  const r = loadProfileText('p.yaml', readFileSync(file, 'utf8'));
  if (!r.valid) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.profile;
}

const example = (): Profile => load(EXAMPLE_PROFILE);

/** The example and every valid fixture profile: between them, every shape of generated Apex. */
const PROFILES = [EXAMPLE_PROFILE, ...['minimal', 'relaxed-with-justifications', 'every-apex-shape'].map((f) => join(FIXTURES, 'profiles', 'valid', `${f}.yaml`))];

describe('generated Apex', () => {
  const classes = buildBaseline(example()).filter((c) => c.type === 'ApexClass');
  const everyClass = PROFILES.flatMap((file) => {
    const profile = load(file);
    return buildBaseline(profile)
      .filter((c) => c.type === 'ApexClass')
      .map((c) => ({ profile, file, c }));
  });

  it('ships each class with its test class', () => {
    const names = classes.map((c) => c.fullName);
    expect(names).to.include.members(['RFC_PhiSafeLog', 'RFC_BlockPhiReportExportCond', 'RFC_NotifyEmergencyAccessCond']);
    for (const name of names.filter((n) => !n.endsWith('Test'))) expect(names, name).to.include(`${name}Test`);
    for (const c of classes) expect(c.content).to.deep.equal({ apiVersion: '66.0', status: 'Active' });
  });

  it('parses with apex-parser, with every syntax error collected', () => {
    expect(everyClass.length).to.be.greaterThan(classes.length);
    for (const { file, c } of everyClass) expect(parseApex(c.code ?? '', false).errors, `${file}: ${c.fullName}`).to.deep.equal([]);
  });

  it('declares with sharing and passes the audit it enforces on others', () => {
    for (const { profile, c } of everyClass) {
      const code = c.code ?? '';
      if (c.fullName.endsWith('Test')) expect(code).to.match(/^@IsTest\nprivate with sharing class /m);
      else expect(code).to.match(/^public with sharing class \w+( implements [\w.<>, ]+)? \{/m);
      const findings = auditApex(`${c.fullName}.cls`, code, false, { inventory: inventoryFromProfile(profile), profile }).findings;
      expect(findings, c.fullName).to.deep.equal([]);
    }
  });

  it('masks every PHI field of the profile, and the compound fields that hold one', () => {
    const logger = classes.find((c) => c.fullName === 'RFC_PhiSafeLog')?.code ?? '';
    const masked = (object: string): string[] => {
      const m = new RegExp(`'${object.toLowerCase()}' => new Set<String>\\{ ([^}]*) \\}`).exec(logger);
      return m ? m[1].split(', ').map((x) => x.replace(/'/g, '')) : [];
    };
    for (const o of example().objects) expect(masked(o.name), o.name).to.include.members(o.fields.map((f) => f.name.toLowerCase()));
    // MailingStreet is PHI, so the MailingAddress that carries it is masked too.
    expect(masked('Contact')).to.include('mailingaddress').and.not.include('name');
    const any = /ANY_PHI_FIELD = new Set<String>\{ ([^}]*) \}/.exec(logger)?.[1] ?? '';
    expect(any).to.include("'medical_record_number__c'").and.include("'homephone'");
    const test = classes.find((c) => c.fullName === 'RFC_PhiSafeLogTest')?.code ?? '';
    expect(test).to.match(/private static final Object SECRET = 'not-for-logs-\w+';/).and.include('masksRecordsListsAndMapsNestedInValues');
  });

  it('tests the logger with a value of the PHI field type, and on maps alone when no field takes one', () => {
    const dateOnly = loadProfileText(
      'p.yaml',
      'version: 1\norganization: Test\nphi:\n  objects:\n    Contact:\n      fields:\n        Birthdate: { category: dates }\n        ReportsToId: { category: other-identifier, type: Lookup, encrypt: none, justification: a reference }\nroles:\n  Nurse:\n    objects:\n      Contact: { access: [read], read: [Birthdate] }\n'
    );
    if (!dateOnly.valid) throw new Error(JSON.stringify(dateOnly.errors));
    const test = buildBaseline(dateOnly.profile).find((c) => c.fullName === 'HIPAA_PhiSafeLogTest')?.code ?? '';
    expect(test).to.include('private static final Object SECRET = Date.newInstance(1901, 2, 3);').and.include("record.put('Birthdate', SECRET);");
    const lookupOnly = loadProfileText('p.yaml', 'version: 1\norganization: Test\nphi:\n  objects:\n    Contact:\n      fields:\n        ReportsToId: { category: other-identifier, type: Lookup, encrypt: none, justification: a reference }\nroles:\n  Nurse:\n    objects:\n      Contact: { access: [read], read: [ReportsToId] }\n');
    if (!lookupOnly.valid) throw new Error(JSON.stringify(lookupOnly.errors));
    const mapsOnly = buildBaseline(lookupOnly.profile).find((c) => c.fullName === 'HIPAA_PhiSafeLogTest')?.code ?? '';
    expect(mapsOnly).not.to.include('record.put(');
    expect(mapsOnly).to.include('keepsValuesThatAreNotPhi');
    expect(parseApex(mapsOnly, false).errors).to.deep.equal([]);
  });

  it('makes each policy a CustomApexPolicy with its condition class and the profile action', () => {
    const policies = buildBaseline(example()).filter((c) => c.type === 'TransactionSecurityPolicy');
    const byName = new Map(policies.map((p) => [p.fullName, p.content as Record<string, unknown>]));
    expect([...byName.keys()]).to.deep.equal([
      'RFC_BlockPhiApiQuery',
      'RFC_BlockPhiReportExport',
      'RFC_EmergencyUseApi',
      'RFC_EmergencyUseListView',
      'RFC_EmergencyUseReport',
      'RFC_NotifyEmergencyAccess',
      'RFC_StepUpPhiListView',
    ]);
    const block = byName.get('RFC_BlockPhiReportExport');
    expect(block).to.deep.include({ active: true, apexClass: 'RFC_BlockPhiReportExportCond', eventName: 'ReportEvent', type: 'CustomApexPolicy' });
    expect(block?.blockMessage).to.be.a('string');
    expect(block?.action).to.deep.include({ block: true, twoFactorAuthentication: false });
    expect(byName.get('RFC_StepUpPhiListView')?.action).to.deep.include({ block: false, twoFactorAuthentication: true });
    expect(byName.get('RFC_NotifyEmergencyAccess')?.action).to.deep.include({
      block: false,
      notifications: [{ inApp: false, sendEmail: true, user: 'security.officer@riverside-clinic.example' }],
    });
    const condition = classes.find((c) => c.fullName === 'RFC_BlockPhiReportExportCond')?.code ?? '';
    expect(condition).to.include('private static final Double ROWS_OVER = 1000;').and.include("'patient__c'");
    expect(classes.find((c) => c.fullName === 'RFC_NotifyEmergencyAccessCond')?.code).to.include("EMERGENCY_PERMISSION_SETS = new Set<String>{ 'RFC_BreakGlass' }");
    // The assignment test finds the emergency permission set itself, so both outcomes run.
    expect(classes.find((c) => c.fullName === 'RFC_NotifyEmergencyAccessCondTest')?.code).to.include("isEmergencyAssignment('AssignedToUsers', UserInfo.getUserId() + ', ' + emergency)");
  });

  it('notifies when PHI is read under an activated emergency permission set, through each data event', () => {
    const policies = buildBaseline(example()).filter((c) => c.type === 'TransactionSecurityPolicy' && c.fullName.startsWith('RFC_EmergencyUse'));
    expect(policies.map((p) => (p.content as { eventName: string }).eventName).sort()).to.deep.equal(['ApiEvent', 'ListViewEvent', 'ReportEvent']);
    for (const p of policies) {
      expect((p.content as { action: Record<string, unknown> }).action, p.fullName).to.deep.include({ block: false, twoFactorAuthentication: false });
      expect(p.controls).to.include('access.emergency');
    }
    const condition = classes.find((c) => c.fullName === 'RFC_EmergencyUseApiCond')?.code ?? '';
    expect(condition).to.include('FROM SessionPermSetActivation').and.include("'RFC_BreakGlass'").and.include("'patient__c'");
    const test = classes.find((c) => c.fullName === 'RFC_EmergencyUseApiCondTest')?.code ?? '';
    expect(test).to.include("isEmergencyUse('Account, ' + phi, 1)").and.include('isEmergencyUse(phi, 0)');
  });

  it('acts on every event of a type without a condition, keeps a threshold of 0, and compiles user mode below API 58', () => {
    const text = readFileSync(EXAMPLE_PROFILE, 'utf8')
      .replace(/^apiVersion: .*\n/m, '')
      .replace('prefix: RFC\n', 'prefix: RFC\napiVersion: "50.0"\n')
      .replace('monitoring:\n', 'monitoring:\n  policies:\n    - { name: MfaAtLogin, event: LoginEvent, action: mfa }\n    - { name: BlockAnyPhiExport, event: ReportEvent, when: { rowsOver: 0 }, action: block }\n');
    const loaded = loadProfileText('p.yaml', text);
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
    const built = buildBaseline(loaded.profile).filter((c) => c.type === 'ApexClass');
    const login = built.find((c) => c.fullName === 'RFC_MfaAtLoginCond')?.code ?? '';
    expect(login).to.include('return event != null;').and.not.include('QueriedEntities');
    expect(built.find((c) => c.fullName === 'RFC_MfaAtLoginCondTest')?.code).to.include('actsOnEveryEvent');
    expect(built.find((c) => c.fullName === 'RFC_BlockAnyPhiExportCond')?.code).to.include('ROWS_OVER = 0;');
    for (const c of built) {
      expect(c.content, c.fullName).to.deep.equal({ apiVersion: '58.0', status: 'Active' });
      expect(parseApex(c.code ?? '', false).errors, c.fullName).to.deep.equal([]);
    }
  });
});
