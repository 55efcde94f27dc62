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
    expect(names).to.deep.equal(['RFC_PhiSafeLog', 'RFC_PhiSafeLogTest']);
    for (const c of classes) expect(c.content).to.deep.equal({ apiVersion: '66.0', status: 'Active' });
  });

  it('parses with apex-parser, with every syntax error collected', () => {
    for (const c of classes) expect(parseApex(c.code ?? '', false).errors, c.fullName).to.deep.equal([]);
  });

  it('declares with sharing and passes the audit it enforces on others', () => {
    const profile = example();
    for (const c of classes) {
      const code = c.code ?? '';
      if (c.fullName.endsWith('Test')) expect(code).to.match(/^@IsTest\nprivate class /m);
      else expect(code).to.match(/^public with sharing class /m);
      const findings = auditApex(`${c.fullName}.cls`, code, false, { inventory: inventoryFromProfile(profile), profile }).findings;
      expect(findings, c.fullName).to.deep.equal([]);
    }
  });

  it('masks every PHI field of the profile', () => {
    const logger = classes[0].code ?? '';
    for (const o of example().objects) {
      expect(logger).to.include(`'${o.name.toLowerCase()}' => new Set<String>{ ${o.fields.map((f) => `'${f.name.toLowerCase()}'`).join(', ')} }`);
    }
    expect(classes[1].code).to.include("record.put('Email', SECRET);");
  });
});
