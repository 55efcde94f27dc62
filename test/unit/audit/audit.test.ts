import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { runAudit } from '../../../src/audit/audit.js';
import { AUDIT_RULES } from '../../../src/audit/rules.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import type { Report } from '../../../src/report/finding.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { EXAMPLE_PROFILE, FIXTURES, GOLDEN } from '../../support/paths.js';
import { copyExample } from '../../support/projects.js';
import { CORPUS, PROFILE, type Sample } from './corpus.js';

async function audit(sample: Sample): Promise<Report> {
  const root = mkdtempSync(join(tmpdir(), 'sf-hipaa-audit-'));
  mkdirSync(join(root, 'force-app'), { recursive: true });
  for (const [path, text] of Object.entries(sample.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  let profile: Profile | undefined;
  if (sample.profile !== null) {
    const loaded = loadProfileText('hipaa-profile.yaml', sample.profile ?? PROFILE);
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
    profile = loaded.profile;
  }
  return runAudit({ dirs: [join(root, 'force-app')], root, ...(profile ? { profile } : {}), version: 'test' });
}

describe('audit rules over the corpus', () => {
  const stats: Array<{ rule: string; found: number; vulnerable: number; falsePositives: number; clean: number }> = [];

  it('has vulnerable and clean samples for every rule of the catalog', () => {
    for (const rule of AUDIT_RULES) {
      expect(CORPUS[rule.id]?.vulnerable.length, rule.id).to.be.greaterThan(0);
      expect(CORPUS[rule.id]?.clean.length, rule.id).to.be.greaterThan(0);
    }
  });

  for (const [rule, { vulnerable, clean }] of Object.entries(CORPUS)) {
    it(`${rule}: finds every vulnerable sample and no clean one`, async () => {
      const fires = async (s: Sample): Promise<boolean> => (await audit(s)).findings.some((f) => f.ruleId === rule && !f.suppression);
      const [vulnerableFired, cleanFired] = await Promise.all([Promise.all(vulnerable.map(fires)), Promise.all(clean.map(fires))]);
      const missed = vulnerable.filter((s, i) => !vulnerableFired[i]);
      const flagged = clean.filter((s, i) => cleanFired[i]);
      stats.push({ rule, found: vulnerable.length - missed.length, vulnerable: vulnerable.length, falsePositives: flagged.length, clean: clean.length });
      expect(missed.map((s) => s.name), 'missed').to.deep.equal([]);
      expect(flagged.map((s) => s.name), 'false positives').to.deep.equal([]);
    });
  }

  after(() => {
    const found = stats.reduce((n, s) => n + s.found, 0);
    const total = stats.reduce((n, s) => n + s.vulnerable, 0);
    const fp = stats.reduce((n, s) => n + s.falsePositives, 0);
    const clean = stats.reduce((n, s) => n + s.clean, 0);
    process.stdout.write(`    audit corpus: recall ${found}/${total}, false positives ${fp}/${clean} clean samples\n`);
  });

  it('locates findings at the element, with the rule, control and a path relative to the project', async () => {
    const report = await audit(CORPUS['phi-object-sharing'].vulnerable[0]);
    const f = report.findings.find((x) => x.ruleId === 'phi-object-sharing');
    expect(f).to.deep.include({ severity: 'high', control: 'access.record-sharing', element: 'sharingModel' });
    expect(f?.location).to.deep.equal({ file: 'force-app/main/default/objects/Patient__c/Patient__c.object-meta.xml', line: 6, column: 5 });
  });

  it('lists findings the profile accepts, with the justification, instead of dropping them', async () => {
    const profile = `${PROFILE}audit:\n  exceptions:\n    - { rule: perm-dangerous, component: Support, justification: "Break-glass support account, reviewed monthly" }\n`;
    const report = await audit({ name: 'accepted', profile, files: CORPUS['perm-dangerous'].vulnerable[0].files });
    const f = report.findings.find((x) => x.ruleId === 'perm-dangerous');
    expect(f?.suppression).to.deep.equal({ by: 'profile', justification: 'Break-glass support account, reviewed monthly' });
  });
});

describe('audit of the generated baseline', () => {
  it('finds nothing open in what generate writes but a PHI object without retention, and accepts the retention operator', async () => {
    const root = join(GOLDEN, 'riverside');
    const loaded = loadProfileText('hipaa-profile.yaml', readFileSync(EXAMPLE_PROFILE, 'utf8'));
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
    const report = await runAudit({ dirs: [join(root, 'force-app')], root, profile: loaded.profile, version: 'test' });
    expect(report.findings.filter((f) => !f.suppression).map((f) => `${f.ruleId} ${f.component?.fullName ?? ''}`)).to.deep.equal(['phi-object-no-retention Contact']);
    const accepted = report.findings.filter((f) => f.suppression);
    expect(accepted.map((f) => `${f.component?.fullName ?? ''} ${f.element ?? ''}`)).to.have.members([
      'RFC_Retention_Operator objectPermissions[Encounter__c].viewAllRecords',
      'RFC_Retention_Operator objectPermissions[Encounter__c].modifyAllRecords',
    ]);
  });

  it('accepts the read of a PHI date field the batch purge filters on, and nothing more of the operator', async () => {
    const dir = copyExample();
    cpSync(join(FIXTURES, 'profiles', 'valid', 'every-apex-shape.yaml'), join(dir, 'hipaa-profile.yaml'));
    const project = (await findProject(dir)) as ProjectInfo;
    const outcome = await generateBaseline({ profileFile: join(dir, 'hipaa-profile.yaml'), project, dryRun: false, force: false });
    if (outcome.status === 'invalid') throw new Error(JSON.stringify(outcome.errors));
    const report = await runAudit({ dirs: [join(dir, 'force-app')], root: dir, profile: outcome.profile, version: 'test' });
    const operator = report.findings.filter((f) => f.component?.fullName === 'HIPAA_Retention_Operator');
    expect(operator.filter((f) => !f.suppression)).to.deep.equal([]);
    expect(operator.filter((f) => f.ruleId === 'perm-phi-ungranted').map((f) => f.element)).to.deep.equal(['fieldPermissions[Contact.Birthdate].readable', 'fieldPermissions[Patient__c.Discharged__c].readable']);
  });
});
