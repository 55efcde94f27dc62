import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadProfileText } from '../../../src/profile/load.js';
import { FIXTURES } from '../../support/paths.js';

/**
 * One fixture per validation rule under fixtures/profiles/invalid. Each ends with the problems it must produce:
 * `# expect: <line>:<column> <key path> ~ <message>`; the loader must report exactly those, in that order.
 */
const DIR = join(FIXTURES, 'profiles', 'invalid');
type Expected = { line: number; column: number; keyPath: string; message: string };

function expectations(text: string): Expected[] {
  return [...text.matchAll(/^# expect: (\d+):(\d+) (\S+) ~ (.+)$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    keyPath: m[3] === '(document)' ? '' : m[3],
    message: m[4],
  }));
}

describe('profile validation rules (one failing fixture per rule)', () => {
  const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('has a fixture for every rule', () => {
    expect(fixtures.length).to.be.at.least(50);
  });

  for (const fixture of fixtures) {
    const text = readFileSync(join(DIR, fixture), 'utf8');
    const rule = text.split('\n')[0].replace(/^# /, '');
    it(`${fixture}: ${rule}`, () => {
      const expected = expectations(text);
      expect(expected, 'fixture declares its expected problems').to.not.be.empty;
      const result = loadProfileText(fixture, text);
      expect(result.valid).to.be.false;
      if (result.valid) return;
      expect(result.errors.map(({ line, column, keyPath, message }) => ({ line, column, keyPath, message }))).to.deep.equal(expected);
      for (const e of result.errors) {
        expect(e.file).to.equal(fixture);
        expect(e.legal, `${e.keyPath}: says what would be legal`).to.be.a('string').and.not.be.empty;
      }
    });
  }

  it('suggests the key a typo was meant to be', () => {
    const result = loadProfileText('p.yaml', readFileSync(join(DIR, 'unknown-key.yaml'), 'utf8'));
    expect(result.valid ? [] : result.errors.map((e) => e.legal)).to.deep.equal([
      'did you mean "lockToIp"? keys here: timeoutMinutes, forceLogout, lockToIp, lockToDomain, justification',
    ]);
  });

  it('lists the legal values of an enum with the nearest one first', () => {
    const result = loadProfileText('p.yaml', readFileSync(join(DIR, 'session-timeout-enum.yaml'), 'utf8'));
    expect(result.valid ? undefined : result.errors[0].legal).to.equal('one of: 15, 30, 60, 90, 120, 240, 480, 720, 1440');
    const perm = loadProfileText('p.yaml', readFileSync(join(DIR, 'unknown-permission.yaml'), 'utf8'));
    expect(perm.valid ? undefined : perm.errors[0].legal).to.match(/^did you mean "ApiEnabled"\?/);
  });

  it('does not stop at the first problem', () => {
    const text = readFileSync(join(DIR, 'default-scheme-illegal.yaml'), 'utf8');
    const result = loadProfileText('p.yaml', `${text}\nmfa: { required: false }\n`);
    expect(result.valid ? [] : result.errors.map((e) => e.keyPath)).to.include.members([
      'phi.objects.Patient__c.fields.Birthdate__c',
      'phi.objects.Contact.fields.Birthdate',
      'mfa.required',
    ]);
  });

  it('reports semantic problems of one section even when another has shape errors', () => {
    const text = readFileSync(join(DIR, 'endpoint-http.yaml'), 'utf8').replace('version: 1', 'version: 1\nsession: { timeoutMinutes: 45 }');
    const result = loadProfileText('p.yaml', text);
    expect(result.valid ? [] : result.errors.map((e) => e.keyPath)).to.deep.equal(['session.timeoutMinutes', 'integrations.endpoints.EHR_API.url']);
  });
});
