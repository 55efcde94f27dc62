import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseApex } from '../../../src/audit/apex.js';
import { auditApex } from '../../../src/audit/apex.js';
import { inventoryFromProfile } from '../../../src/audit/inventory.js';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import { EXAMPLE_PROFILE } from '../../support/paths.js';

function example(): Profile {
  const r = loadProfileText('p.yaml', readFileSync(EXAMPLE_PROFILE, 'utf8'));
  if (!r.valid) throw new Error('example profile is valid');
  return r.profile;
}

describe('generated Apex', () => {
  const classes = buildBaseline(example()).filter((c) => c.type === 'ApexClass');

  it('ships each class with its test class', () => {
    const names = classes.map((c) => c.fullName);
    expect(names).to.include.members(['RFC_PhiSafeLog', 'RFC_BlockPhiReportExportCond', 'RFC_NotifyEmergencyAccessCond']);
    for (const name of names.filter((n) => !n.endsWith('Test'))) expect(names, name).to.include(`${name}Test`);
    for (const c of classes) expect(c.content).to.deep.equal({ apiVersion: '66.0', status: 'Active' });
  });

  it('parses with apex-parser, with every syntax error collected', () => {
    for (const c of classes) expect(parseApex(c.code ?? '', false).errors, c.fullName).to.deep.equal([]);
  });

  it('declares with sharing and passes the audit it enforces on others', () => {
    const profile = example();
    for (const c of classes) {
      const code = c.code ?? '';
      if (c.fullName.endsWith('Test')) expect(code).to.match(/^@IsTest\nprivate with sharing class /m);
      else expect(code).to.match(/^public with sharing class \w+( implements [\w.<>, ]+)? \{/m);
      const findings = auditApex(`${c.fullName}.cls`, code, false, { inventory: inventoryFromProfile(profile), profile }).findings;
      expect(findings, c.fullName).to.deep.equal([]);
    }
  });

  it('masks every PHI field of the profile', () => {
    const logger = classes.find((c) => c.fullName === 'RFC_PhiSafeLog')?.code ?? '';
    for (const o of example().objects) {
      expect(logger).to.include(`'${o.name.toLowerCase()}' => new Set<String>{ ${o.fields.map((f) => `'${f.name.toLowerCase()}'`).join(', ')} }`);
    }
    expect(classes.find((c) => c.fullName === 'RFC_PhiSafeLogTest')?.code).to.include("record.put('Email', SECRET);");
  });

  it('makes each policy a CustomApexPolicy with its condition class and the profile action', () => {
    const policies = buildBaseline(example()).filter((c) => c.type === 'TransactionSecurityPolicy');
    const byName = new Map(policies.map((p) => [p.fullName, p.content as Record<string, unknown>]));
    expect([...byName.keys()]).to.deep.equal(['RFC_BlockPhiApiQuery', 'RFC_BlockPhiReportExport', 'RFC_NotifyEmergencyAccess', 'RFC_StepUpPhiListView']);
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
  });
});
