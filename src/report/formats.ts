import { XMLBuilder } from 'fast-xml-parser';
import { citationsOf, getControl } from '../controls/catalog.js';
import { renderTemplate } from '../shared/templates.js';
import type { Finding, Report, Severity } from './finding.js';
import { bySeverity, openFindings, SEVERITIES } from './finding.js';

export const FORMATS = ['table', 'json', 'markdown', 'junit', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

const citationText = (f: Finding): string =>
  citationsOf([f.control])
    .map((c) => c.cfr)
    .join(', ');

export function renderJson(report: Report): string {
  const findings = [...report.findings]
    .sort(bySeverity)
    .map((f) => ({ ...f, citations: citationsOf([f.control]).map((c) => c.cfr) }));
  return `${JSON.stringify({ tool: report.tool, findings }, null, 2)}\n`;
}

export function renderMarkdown(report: Report, title: string): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const findings = [...report.findings]
    .sort(bySeverity)
    .map((f) => ({ ...f, message: cell(f.message), expected: cell(f.expected ?? ''), actual: cell(f.actual ?? ''), citations: citationText(f) }));
  const groups = SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.severity === severity),
  })).filter((g) => g.findings.length);
  return renderTemplate(
    'report/findings.md',
    {
      title,
      findings,
      groups,
      // A diff's findings are elements with a value expected and one found.
      diff: report.findings.some((f) => f.kind !== undefined),
      open: openFindings(report.findings).length,
      suppressed: report.findings.length - openFindings(report.findings).length,
      rules: report.rules.map((r) => ({ ...r, why: cell(r.why), fix: cell(r.fix) })),
    },
    { strict: false }
  );
}

const xml = new XMLBuilder({ format: true, indentBy: '  ', ignoreAttributes: false, suppressEmptyNode: true });

/** JUnit XML: one test case per control, failing with its open findings, so CI dashboards show controls. */
export function renderJunit(report: Report, suite: string): string {
  const controls = [
    ...new Set([
      ...report.rules.flatMap((r) => (r.control ? [r.control] : [])),
      ...(report.controls ?? []),
      ...report.findings.map((f) => f.control),
    ]),
  ].sort();
  const cases = controls.map((control) => {
    const open = openFindings(report.findings.filter((f) => f.control === control)).sort(bySeverity);
    const c = getControl(control);
    return {
      '@_classname': suite,
      '@_name': `${control}: ${c.title} (${c.citations.map((x) => x.cfr).join(', ')})`,
      ...(open.length
        ? {
            failure: {
              '@_message': `${open.length} finding(s)`,
              '@_type': open[0].severity,
              '#text': open.map((f) => `${f.ruleId} ${where(f)}: ${f.message}`).join('\n'),
            },
          }
        : {}),
    };
  });
  const failures = cases.filter((c) => 'failure' in c).length;
  const doc = {
    testsuites: { testsuite: { '@_name': suite, '@_tests': cases.length, '@_failures': failures, testcase: cases } },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.build(doc)}`;
}

const where = (f: Finding): string =>
  f.location
    ? `${f.location.file}:${f.location.line}`
    : f.component
    ? `${f.component.type} ${f.component.fullName}`
    : '';

const SARIF_LEVEL: Readonly<Record<Severity, string>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
/** GitHub code scanning ranks security results by this score. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/**
 * A result's place in a file, or else at the top of the anchor file (the profile that requires what is missing from
 * an org), since code scanning drops results without a location; the component goes in a logical location.
 */
function locationsOf(f: Finding, anchor: string | undefined): { locations?: unknown[] } {
  const at = f.location ?? (anchor ? { file: anchor, line: 1, column: 1 } : undefined);
  if (!at) return {};
  return {
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: at.file.split('\\').join('/') }, region: { startLine: at.line, startColumn: at.column } },
        ...(f.component ? { logicalLocations: [{ name: f.component.fullName, kind: 'member', fullyQualifiedName: `${f.component.type}:${f.component.fullName}${f.element ? `.${f.element}` : ''}` }] } : {}),
      },
    ],
  };
}

/** SARIF 2.1.0, as GitHub code scanning accepts it: rule metadata with help, results with file, line and column. */
export function renderSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        rules: report.rules.map((r) => ({
          id: r.id,
          name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
          shortDescription: { text: r.title },
          fullDescription: { text: r.why },
          help: {
            text: r.fix,
            markdown: `**Why:** ${r.why}\n\n**Fix:** ${r.fix}\n\n**Control:** ${
              r.control ? `${r.control} (${citationsOf([r.control]).map((c) => c.cfr).join(', ')})` : 'named by each result'
            }`,
          },
          defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
          properties: { tags: ['security', 'hipaa', ...(r.control ? [r.control] : [])], 'security-severity': SECURITY_SEVERITY[r.severity] },
        })),
      },
    },
    results: [...report.findings].sort(bySeverity).map((f) => ({
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.message} (${f.control}: ${citationText(f)})` },
      ...locationsOf(f, report.anchor),
      properties: { control: f.control, citations: citationsOf([f.control]).map((c) => c.cfr), ...(f.kind ? { kind: f.kind } : {}), ...(f.element ? { element: f.element } : {}) },
      ...(f.suppression
        ? {
            suppressions: [
              {
                kind: f.suppression.by === 'inline' ? 'inSource' : 'external',
                justification: f.suppression.justification,
              },
            ],
          }
        : {}),
    })),
  };
  return `${JSON.stringify(
    { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] },
    null,
    2
  )}\n`;
}

/** The report as text in a file format, or undefined for the table, which each command prints itself. */
export function renderReport(report: Report, format: Format, title: string): string | undefined {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report, title);
    case 'junit':
      return renderJunit(report, title);
    case 'sarif':
      return renderSarif(report);
    default:
      return undefined;
  }
}
