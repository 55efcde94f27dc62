import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { AUDIT_RULES } from '../../../src/audit/rules.js';
import type { Report } from '../../../src/report/finding.js';
import { renderJson, renderJunit, renderMarkdown, renderSarif } from '../../../src/report/formats.js';

const REPORT: Report = {
  tool: { name: 'sf-hipaa', version: '1.2.3' },
  rules: AUDIT_RULES,
  findings: [
    { ruleId: 'phi-field-no-history', severity: 'medium', control: 'audit.field-history', message: 'Patient__c.SSN__c holds PHI | untracked', location: { file: 'force-app/x.field-meta.xml', line: 2, column: 1 } },
    { ruleId: 'perm-dangerous', severity: 'critical', control: 'access.privileged-permissions', message: 'Support grants ViewAllData', location: { file: 'force-app/ps.xml', line: 7, column: 9 }, component: { type: 'PermissionSet', fullName: 'Support' } },
    { ruleId: 'perm-dangerous', severity: 'critical', control: 'access.privileged-permissions', message: 'Auditor grants ViewAllData', suppression: { by: 'profile', justification: 'Quarterly review' } },
  ],
};

describe('report formats', () => {
  it('JSON: findings by severity with their citations', () => {
    const json = JSON.parse(renderJson(REPORT)) as { findings: Array<{ ruleId: string; citations: string[] }> };
    expect(json.findings.map((f) => f.ruleId)).to.deep.equal(['perm-dangerous', 'perm-dangerous', 'phi-field-no-history']);
    expect(json.findings[2].citations).to.deep.equal(['164.312(b)', '164.312(c)(1)', '164.316(b)(2)(i)']);
  });

  it('Markdown: grouped by severity, accepted findings marked, table cells kept intact, rules described', () => {
    const md = renderMarkdown(REPORT, 'HIPAA audit of clinic');
    expect(md).to.match(/^# HIPAA audit of clinic\n/);
    expect(md).to.include('2 open finding(s), 1 accepted with a justification.');
    expect(md).to.include('## critical (2)');
    expect(md).to.include('(accepted: Quarterly review)');
    expect(md).to.include('holds PHI \\| untracked');
    expect(md).to.include('| perm-dangerous | critical |');
  });

  it('JUnit: one test case per control, failing with its open findings only', () => {
    const doc = new XMLParser({ ignoreAttributes: false }).parse(renderJunit(REPORT, 'suite')) as { testsuites: { testsuite: { '@_tests': string; '@_failures': string; testcase: Array<{ '@_name': string; failure?: { '#text': string } }> } } };
    const suite = doc.testsuites.testsuite;
    const controls = new Set(AUDIT_RULES.map((r) => r.control));
    expect(Number(suite['@_tests'])).to.equal(controls.size);
    expect(Number(suite['@_failures'])).to.equal(2);
    const privileged = suite.testcase.find((t) => t['@_name'].startsWith('access.privileged-permissions'));
    expect(privileged?.failure?.['#text']).to.equal('perm-dangerous force-app/ps.xml:7: Support grants ViewAllData');
    expect(suite.testcase.find((t) => t['@_name'].startsWith('auth.mfa'))?.failure).to.be.undefined;
  });

  it('SARIF 2.1.0: rule metadata with help, results at file, line and column, suppressions kept', () => {
    const sarif = JSON.parse(renderSarif(REPORT)) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string }; properties: Record<string, unknown> }> } }; results: Array<Record<string, unknown>> }>;
    };
    expect(sarif.version).to.equal('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).to.equal('sf-hipaa');
    expect(run.tool.driver.rules.map((r) => r.id)).to.deep.equal(AUDIT_RULES.map((r) => r.id));
    expect(run.tool.driver.rules[0].properties['security-severity']).to.match(/^\d+\.\d$/);
    const first = run.results.find((r) => r.locations) as { ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> };
    expect(first).to.deep.include({ ruleId: 'perm-dangerous', level: 'error' });
    expect(run.tool.driver.rules[first.ruleIndex].id).to.equal('perm-dangerous');
    expect(first.locations[0].physicalLocation).to.deep.equal({ artifactLocation: { uri: 'force-app/ps.xml' }, region: { startLine: 7, startColumn: 9 } });
    expect(run.results.find((r) => r.suppressions)).to.deep.include({ ruleId: 'perm-dangerous', suppressions: [{ kind: 'external', justification: 'Quarterly review' }] });
  });
});
