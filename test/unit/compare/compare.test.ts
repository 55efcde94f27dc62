import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { runDiff } from '../../../src/compare/diff.js';
import { citationsOf } from '../../../src/controls/catalog.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import type { Finding } from '../../../src/report/finding.js';
import { renderJunit, renderMarkdown, renderSarif } from '../../../src/report/formats.js';
import { generateBaseline } from '../../../src/project/generate.js';
import { findProject, type ProjectInfo } from '../../../src/shared/project.js';
import { EXAMPLE_PROFILE, GOLDEN } from '../../support/paths.js';
import { copyExample } from '../../support/projects.js';

const DEFAULT = 'force-app/main/default';

function example(extra = ''): Profile {
  const loaded = loadProfileText('hipaa-profile.yaml', `${readFileSync(EXAMPLE_PROFILE, 'utf8')}${extra}`);
  if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
  return loaded.profile;
}

/** A copy of what generate writes for the example, to change and compare. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'sf-hipaa-diff-'));
  cpSync(join(GOLDEN, 'riverside', 'force-app'), join(root, 'force-app'), { recursive: true });
  return root;
}

const edit = (root: string, path: string, from: string, to: string): void => {
  const file = join(root, DEFAULT, path);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
};

async function diff(root: string): Promise<readonly Finding[]> {
  return (await runDiff({ profile: example(), target: { kind: 'source', dir: join(root, 'force-app') }, root, version: 'test' })).findings;
}

const only = (findings: readonly Finding[]): Finding => {
  expect(findings, JSON.stringify(findings, null, 2)).to.have.length(1);
  return findings[0];
};

describe('diff against a source tree', () => {
  it('finds nothing in exactly what generate writes', async () => {
    expect(await diff(tree())).to.deep.equal([]);
  });

  it('reports an encryption scheme set to None as drift of encryption at rest, at its line', async () => {
    const root = tree();
    edit(root, 'objects/Patient__c/fields/Medical_Record_Number__c.field-meta.xml', 'CaseSensitiveDeterministicEncryption', 'None');
    const f = only(await diff(root));
    expect(f).to.deep.include({ kind: 'drift', ruleId: 'baseline-drift', control: 'encryption.at-rest', severity: 'high', element: 'encryptionScheme', expected: 'CaseSensitiveDeterministicEncryption', actual: 'None' });
    expect(f.component).to.deep.equal({ type: 'CustomField', fullName: 'Patient__c.Medical_Record_Number__c' });
    expect(f.location?.file).to.equal(`${DEFAULT}/objects/Patient__c/fields/Medical_Record_Number__c.field-meta.xml`);
    expect(readFileSync(join(root, f.location?.file ?? ''), 'utf8').split('\n')[(f.location?.line ?? 0) - 1]).to.include('<encryptionScheme>None</encryptionScheme>');
    expect(citationsOf([f.control]).map((c) => c.cfr)).to.include('164.312(a)(2)(iv)');
  });

  it('reports a raised session timeout, a deactivated policy and a flow set to draft, each with its control', async () => {
    const root = tree();
    edit(root, 'settings/Security.settings-meta.xml', '<sessionTimeout>FifteenMinutes</sessionTimeout>', '<sessionTimeout>TwoHours</sessionTimeout>');
    edit(root, 'transactionSecurityPolicies/RFC_BlockPhiReportExport.transactionSecurityPolicy-meta.xml', '<active>true</active>', '<active>false</active>');
    edit(root, 'flows/RFC_Purge_Patient.flow-meta.xml', '<status>Active</status>', '<status>Draft</status>');
    const findings = await diff(root);
    expect(findings.map((f) => [f.kind, f.component?.fullName, f.element, f.actual, f.control])).to.have.deep.members([
      ['drift', 'Security', 'sessionSettings.sessionTimeout', 'TwoHours', 'auth.automatic-logoff'],
      ['drift', 'RFC_BlockPhiReportExport', 'active', 'false', 'audit.transaction-policies'],
      ['drift', 'RFC_Purge_Patient', 'status', 'Draft', 'disposal.retention'],
    ]);
    const session = findings.find((f) => f.component?.fullName === 'Security');
    expect(readFileSync(join(root, session?.location?.file ?? ''), 'utf8').split('\n')[(session?.location?.line ?? 0) - 1]).to.include('<sessionTimeout>TwoHours');
  });

  it('reports a field permission a role does not grant as drift, and a component that is gone as missing', async () => {
    const root = tree();
    edit(root, 'permissionsets/RFC_Billing.permissionset-meta.xml', '<field>Patient__c.Diagnosis__c</field>\n        <readable>false</readable>', '<field>Patient__c.Diagnosis__c</field>\n        <readable>true</readable>');
    rmSync(join(root, DEFAULT, 'permissionsets/RFC_FrontDesk.permissionset-meta.xml'));
    const findings = await diff(root);
    expect(findings.map((f) => [f.kind, f.component?.fullName, f.element ?? '', f.control])).to.have.deep.members([
      ['drift', 'RFC_Billing', 'fieldPermissions[Patient__c.Diagnosis__c].readable', 'access.minimum-necessary'],
      ['missing', 'RFC_FrontDesk', 'PermissionSet', 'access.minimum-necessary'],
    ]);
  });

  it('reports PHI access granted outside the roles, View All on a PHI object and a forbidden permission as excess', async () => {
    const root = tree();
    writeFileSync(
      join(root, DEFAULT, 'permissionsets/Support.permissionset-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <fieldPermissions>
        <editable>false</editable>
        <field>Patient__c.Diagnosis__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <label>Support</label>
    <objectPermissions>
        <allowCreate>false</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>Encounter__c</object>
        <viewAllRecords>true</viewAllRecords>
    </objectPermissions>
</PermissionSet>
`
    );
    edit(root, 'permissionsets/RFC_Clinician.permissionset-meta.xml', '<userPermissions>', '<userPermissions>\n        <enabled>true</enabled>\n        <name>ModifyAllData</name>\n    </userPermissions>\n    <userPermissions>');
    const findings = await diff(root);
    expect(findings.map((f) => [f.kind, f.ruleId, f.component?.fullName, f.control])).to.have.deep.members([
      ['excess', 'perm-phi-ungranted', 'Support', 'access.minimum-necessary'],
      ['excess', 'perm-view-all-phi-object', 'Support', 'access.minimum-necessary'],
      ['excess', 'perm-dangerous', 'RFC_Clinician', 'access.privileged-permissions'],
    ]);
    expect(findings.every((f) => f.location?.file.startsWith(`${DEFAULT}/permissionsets/`))).to.equal(true);
  });

  it('keeps excess the profile accepts in audit.exceptions, marked with its justification', async () => {
    const root = tree();
    writeFileSync(
      join(root, DEFAULT, 'permissionsets/Support.permissionset-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Support</label>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData</name>\n    </userPermissions>\n</PermissionSet>\n'
    );
    const profile = example('audit:\n  exceptions:\n    - { rule: perm-dangerous, component: Support, justification: "Vendor support, reviewed monthly" }\n');
    const { findings } = await runDiff({ profile, target: { kind: 'source', dir: join(root, 'force-app') }, root, version: 'test' });
    expect(only(findings)).to.deep.include({ kind: 'excess', ruleId: 'perm-dangerous', suppression: { by: 'profile', justification: 'Vendor support, reviewed monthly' } });
  });

  it('treats a permission entry that grants nothing like no entry, and numbers by value', async () => {
    const root = tree();
    edit(root, 'permissionsets/RFC_Billing.permissionset-meta.xml', '    <fieldPermissions>\n        <editable>false</editable>\n        <field>Patient__c.Diagnosis__c</field>\n        <readable>false</readable>\n    </fieldPermissions>\n', '');
    edit(root, 'settings/Security.settings-meta.xml', '<minimumPasswordLength>12</minimumPasswordLength>', '<minimumPasswordLength>12.0</minimumPasswordLength>');
    expect(await diff(root)).to.deep.equal([]);
  });

  it('reports what a role\'s permission set gains that the baseline does not list, and ignores entries that grant nothing', async () => {
    const root = tree();
    const added = [
      '<objectPermissions>\n        <allowEdit>true</allowEdit>\n        <allowRead>true</allowRead>\n        <object>Encounter__c</object>\n    </objectPermissions>',
      '<objectPermissions>\n        <allowRead>false</allowRead>\n        <object>Account</object>\n    </objectPermissions>',
      '<fieldPermissions>\n        <editable>false</editable>\n        <field>Account.Industry</field>\n        <readable>true</readable>\n    </fieldPermissions>',
    ];
    edit(root, 'permissionsets/RFC_FrontDesk.permissionset-meta.xml', '<objectPermissions>', `${added.join('\n    ')}\n    <objectPermissions>`);
    edit(root, 'permissionsets/RFC_Billing.permissionset-meta.xml', '</PermissionSet>', '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n</PermissionSet>');
    const findings = await diff(root);
    expect(findings.map((f) => [f.kind, f.component?.fullName, f.element, f.expected, f.actual, f.control])).to.have.deep.members([
      ['drift', 'RFC_FrontDesk', 'objectPermissions[Encounter__c].allowEdit', 'false', 'true', 'access.minimum-necessary'],
      ['drift', 'RFC_FrontDesk', 'objectPermissions[Encounter__c].allowRead', 'false', 'true', 'access.minimum-necessary'],
      ['drift', 'RFC_FrontDesk', 'fieldPermissions[Account.Industry].readable', 'false', 'true', 'access.minimum-necessary'],
      ['drift', 'RFC_Billing', 'userPermissions[ApiEnabled].enabled', 'false', 'true', 'access.minimum-necessary'],
    ]);
    expect(findings.every((f) => f.location?.file.includes('/permissionsets/'))).to.equal(true);
  });

  it('reports a permission set added to a role\'s group as drift of minimum necessary', async () => {
    const dir = copyExample();
    const file = join(dir, 'hipaa-profile.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  Billing:\n    objects:', '  Billing:\n    includes: [FrontDesk]\n    objects:'));
    await generateBaseline({ profileFile: file, project: (await findProject(dir)) as ProjectInfo, dryRun: false, force: false });
    edit(dir, 'permissionsetgroups/RFC_Billing_Group.permissionsetgroup-meta.xml', '</permissionSets>', '</permissionSets>\n    <permissionSets>RFC_BreakGlass</permissionSets>');
    const loaded = loadProfileText('hipaa-profile.yaml', readFileSync(file, 'utf8'));
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
    const { findings } = await runDiff({ profile: loaded.profile, target: { kind: 'source', dir: join(dir, 'force-app') }, root: dir, version: 'test' });
    expect(only(findings)).to.deep.include({ kind: 'drift', element: 'permissionSets', control: 'access.minimum-necessary', actual: 'RFC_Billing, RFC_BreakGlass, RFC_FrontDesk' });
  });

  it('reports generated Apex changed in the target', async () => {
    const root = tree();
    edit(root, 'classes/RFC_PhiSafeLog.cls', 'public with sharing class', 'public without sharing class');
    expect(only(await diff(root))).to.deep.include({ kind: 'drift', element: 'body', control: 'logging.phi-safe' });
  });

  it('writes JUnit with one case per control failing on its findings, and SARIF locations at the files', async () => {
    const root = tree();
    edit(root, 'settings/Security.settings-meta.xml', '<sessionTimeout>FifteenMinutes</sessionTimeout>', '<sessionTimeout>TwoHours</sessionTimeout>');
    const report = await runDiff({ profile: example(), target: { kind: 'source', dir: join(root, 'force-app') }, root, version: 'test' });
    const junit = renderJunit(report, 'diff');
    expect(junit).to.match(/<testcase classname="diff" name="auth.automatic-logoff: [^"]*">\s*<failure message="1 finding\(s\)"/);
    const sarif = JSON.parse(renderSarif(report)) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).to.equal('baseline-drift');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).to.equal(`${DEFAULT}/settings/Security.settings-meta.xml`);
    expect(result.locations[0].physicalLocation.region.startLine).to.equal(15);
  });

  it('lists every control of the baseline in JUnit, passing when clean, and anchors findings without a file at the profile', async () => {
    const root = tree();
    const clean = await runDiff({ profile: example(), target: { kind: 'source', dir: join(root, 'force-app') }, root, version: 'test' });
    const doc = new XMLParser({ ignoreAttributes: false }).parse(renderJunit(clean, 'diff')) as { testsuites: { testsuite: { '@_tests': string; '@_failures': string; testcase: Array<{ '@_name': string }> } } };
    const controls = new Set(buildBaseline(example()).flatMap((c) => c.controls));
    expect(controls.size).to.be.greaterThan(10);
    expect(Number(doc.testsuites.testsuite['@_tests'])).to.equal(controls.size);
    expect(Number(doc.testsuites.testsuite['@_failures'])).to.equal(0);
    expect(doc.testsuites.testsuite.testcase.map((t) => t['@_name'].split(':')[0])).to.have.members([...controls]);

    rmSync(join(root, DEFAULT, 'flows/RFC_Purge_Patient.flow-meta.xml'));
    const missing = await runDiff({ profile: example(), target: { kind: 'source', dir: join(root, 'force-app') }, root, version: 'test' });
    type SarifRun = { tool: { driver: { rules: Array<{ id: string; help: { markdown: string } }> } }; results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: Array<{ fullyQualifiedName: string }> }> }> };
    const run = (JSON.parse(renderSarif(missing)) as { runs: SarifRun[] }).runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).to.match(/(^|\/)hipaa-profile\.yaml$/);
    expect(run.results[0].locations[0].logicalLocations[0].fullyQualifiedName).to.equal('Flow:RFC_Purge_Patient.Flow');
    expect(run.tool.driver.rules.find((r) => r.id === 'baseline-missing')?.help.markdown).to.include('named by each result');
    const md = renderMarkdown(missing, 'HIPAA diff');
    expect(md).to.include('| kind | component | element | expected | actual | where | control |');
    expect(md).to.include('| missing | Flow RFC_Purge_Patient | `Flow` | present |');
  });
});
