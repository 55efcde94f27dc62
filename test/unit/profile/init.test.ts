import { expect } from 'chai';
import { parseDocument } from 'yaml';
import { loadProfileText } from '../../../src/profile/load.js';
import { proposePhiCandidates } from '../../../src/profile/phiCandidates.js';
import { renderStarterProfile } from '../../../src/profile/starter.js';
import type { FieldType } from '../../../src/profile/vocabulary.js';

const field = (object: string, name: string, type: FieldType): { object: string; name: string; type: FieldType } => ({ object, name, type });

describe('PHI candidates and the starter profile', () => {
  it('proposes fields whose names or types look like PHI, with a category and a reason', () => {
    const candidates = proposePhiCandidates([
      field('Member__c', 'SSN__c', 'Text'),
      field('Member__c', 'DateOfBirth__c', 'Date'),
      field('Member__c', 'MRN__c', 'Text'),
      field('Member__c', 'Work_Contact__c', 'Email'),
      field('Member__c', 'Mailing_Address__c', 'TextArea'),
      field('Member__c', 'ICD10_Code__c', 'Text'),
      field('Member__c', 'Diagnosis__c', 'LongTextArea'),
      field('Member__c', 'Insurance_Member_Id__c', 'Text'),
      field('Member__c', 'Favorite_Color__c', 'Text'),
      field('Member__c', 'Status__c', 'Picklist'),
      field('Member__c', 'Age_At_Death__c', 'Number'),
      field('Member__c', 'health__Device_Serial_Number__c', 'Text'),
    ]);
    expect(candidates.map((c) => [c.field, c.category, c.encryptable])).to.deep.equal([
      ['SSN__c', 'ssn', true],
      ['DateOfBirth__c', 'dates', true],
      ['MRN__c', 'mrn', true],
      ['Work_Contact__c', 'email', true],
      ['Mailing_Address__c', 'address', true],
      ['ICD10_Code__c', 'clinical', true],
      ['Diagnosis__c', 'clinical', true],
      ['Insurance_Member_Id__c', 'health-plan', true],
      ['Age_At_Death__c', 'dates', false],
      ['health__Device_Serial_Number__c', 'device', true],
    ]);
    expect(candidates[3].reason).to.equal('Email field');
    expect(candidates[0].reason).to.equal('name suggests Social Security number');
  });

  it('writes a commented starter that is a valid profile', () => {
    const text = renderStarterProfile({ organization: 'Acme Health', apiVersion: '64.0', schemaPath: '/x/hipaa-profile.schema.json' });
    expect(text.split('\n')[0]).to.equal('# yaml-language-server: $schema=/x/hipaa-profile.schema.json');
    const result = loadProfileText('p.yaml', text);
    expect(result.valid, JSON.stringify(result.valid ? [] : result.errors)).to.be.true;
    expect(result.valid && result.profile.apiVersion).to.equal('64.0');
  });

  it('lists project candidates for review, grants no PHI field, and stays valid', () => {
    const candidates = proposePhiCandidates([
      field('Member__c', 'SSN__c', 'Text'),
      field('Member__c', 'Insurance_Number__c', 'Number'),
      field('Contact', 'Medicaid_Id__c', 'Text'),
    ]);
    const text = renderStarterProfile({ organization: 'Acme', schemaPath: 's.json', candidates });
    expect(text).to.include('# REVIEW: proposed as ssn (name suggests Social Security number; Text)\n        SSN__c: { category: ssn }');
    expect(text).to.include('Member__c.Insurance_Number__c looks like health-plan');
    const types = new Map([['Member__c.SSN__c', 'Text'], ['Contact.Medicaid_Id__c', 'Text']]);
    const result = loadProfileText('p.yaml', text, { field: (o, f) => (types.has(`${o}.${f}`) ? { type: 'Text' } : undefined) });
    if (!result.valid) expect.fail(JSON.stringify(result.errors));
    expect(result.profile.objects.map((o) => o.name)).to.deep.equal(['Contact', 'Member__c']);
    expect(result.profile.roles.flatMap((r) => r.objects.flatMap((o) => o.read))).to.deep.equal([]);
    expect(parseDocument(text).errors).to.deep.equal([]);
  });

  it('falls back to the example when nothing in the project looks like PHI', () => {
    const text = renderStarterProfile({ organization: 'Acme', schemaPath: 's.json', candidates: [] });
    expect(text).to.include('No field of the project looks like PHI');
    expect(loadProfileText('p.yaml', text).valid).to.be.true;
  });

  it('is deterministic', () => {
    const inputs = { organization: 'Acme', schemaPath: 's.json', candidates: proposePhiCandidates([field('A__c', 'SSN__c', 'Text')]) };
    expect(renderStarterProfile(inputs)).to.equal(renderStarterProfile(inputs));
  });
});
