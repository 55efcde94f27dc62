import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { OrgDeployReport } from './report.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.deploy');

/** The SfCommand helpers the deploy report is printed through. */
type Output = Pick<SfCommand<unknown>, 'table' | 'log' | 'styledHeader' | 'warn'>;

const yesNo = (value: boolean): string => messages.getMessage(value ? 'value.Yes' : 'value.No');

const where = (line?: number, column?: number): string => (line ? `${line}:${column ?? 1}` : '');

const coverageOf = (r: OrgDeployReport): string => {
  const total = r.coverage.reduce((n, c) => n + c.linesTotal, 0);
  if (total === 0) return '';
  return `${Math.round((r.coverage.reduce((n, c) => n + c.linesCovered, 0) / total) * 1000) / 10}%`;
};

function renderOrg(out: Output, r: OrgDeployReport): void {
  out.styledHeader(messages.getMessage('header.Org', [r.org, r.username, r.status]));
  if (r.components.length > 0) {
    out.table({
      data: r.components.map((c) => ({ type: c.type, name: c.fullName, file: c.file ?? '', state: c.state, line: where(c.line, c.column), problem: c.problem ?? '' })),
      columns: ['type', 'name', 'file', 'state', 'line', 'problem'],
    });
  }
  for (const c of r.components.filter((x) => x.lacks)) out.warn(messages.getMessage('info.Lacks', [r.org, c.lacks?.feature, c.lacks?.advice]));
  if (r.error) out.warn(messages.getMessage('info.Error', [r.org, r.error]));
  // Retried errors matter only when the org did not come through.
  if (r.retries > 0 && !r.conformant) out.log(messages.getMessage('info.Retried', [r.org, r.retries]));
  if (r.tests.run > 0 || r.tests.failed > 0) {
    out.log(messages.getMessage('header.Tests', [r.org, r.tests.run, r.tests.failed]));
    if (r.tests.failures.length > 0) out.table({ data: r.tests.failures.map((f) => ({ class: f.className, method: f.methodName, message: f.message })) });
  }
  if (r.coverage.length > 0) {
    out.table({ title: messages.getMessage('header.Coverage', [r.org]), data: r.coverage.map((c) => ({ class: c.className, lines: `${c.linesCovered}/${c.linesTotal}`, coverage: `${c.percent}%` })) });
  }
}

/** Per org the components, problems, tests and coverage; then one row per org. */
export function renderDeployReports(out: Output, reports: readonly OrgDeployReport[]): void {
  for (const r of reports) renderOrg(out, r);
  out.styledHeader(messages.getMessage('header.Summary'));
  out.table({
    data: reports.map((r) => ({
      org: r.org,
      production: yesNo(r.production),
      status: r.status,
      deployed: r.deployed,
      failed: r.failed,
      tests: `${r.tests.run - r.tests.failed}/${r.tests.run}`,
      coverage: coverageOf(r),
      conformant: yesNo(r.conformant),
    })),
  });
  const conformant = reports.filter((r) => r.conformant).map((r) => r.org);
  out.log(messages.getMessage('info.Conformant', [conformant.length, reports.length, conformant.join(', ') || messages.getMessage('value.None')]));
}
