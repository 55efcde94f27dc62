import type { ControlId } from '../controls/catalog.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Where a finding is, 1-based. */
export type Location = { readonly file: string; readonly line: number; readonly column: number };

/** One problem found by the audit or the diff: the shared currency of every report format. */
export type Finding = {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly control: ControlId;
  readonly message: string;
  readonly component?: { readonly type: string; readonly fullName: string };
  /** The element or expression the finding is about, e.g. `fieldPermissions[Contact.SSN__c].readable`. */
  readonly element?: string;
  readonly location?: Location;
  /** For a diff: whether the target lacks what the baseline requires, has another value, or grants more. */
  readonly kind?: 'missing' | 'drift' | 'excess';
  /** For a diff: the value the baseline requires, and the value the target has (absent when it has none). */
  readonly expected?: string;
  readonly actual?: string;
  /** Set when an inline comment or a profile exception accepted the finding; it is listed, never dropped. */
  readonly suppression?: { readonly by: 'inline' | 'profile'; readonly justification: string };
};

/** What a rule is, for reports that describe their rules (SARIF, Markdown). */
export type RuleInfo = {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Absent for a rule whose findings each name their own control (a baseline element drifted). */
  readonly control?: ControlId;
  readonly why: string;
  readonly fix: string;
};

export type Report = {
  readonly tool: { readonly name: string; readonly version: string };
  readonly rules: readonly RuleInfo[];
  readonly findings: readonly Finding[];
  /** Files that could not be read (an Apex syntax error), so that no one mistakes them for clean ones. */
  readonly skipped?: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
  /** Every control the run checked, beyond its rules' (a diff checks the baseline's): one JUnit case each. */
  readonly controls?: readonly ControlId[];
  /** A file to point findings without a location at (the profile), for SARIF consumers that need one. */
  readonly anchor?: string;
};

export const bySeverity = (a: Finding, b: Finding): number =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
  (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
  a.ruleId.localeCompare(b.ruleId);

/** Findings that count: those no one has accepted with a justification. */
export const openFindings = (findings: readonly Finding[]): Finding[] => findings.filter((f) => !f.suppression);
