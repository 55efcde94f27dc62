import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { readSourceFiles } from '../org/auditSource.js';
import { readSourceFields } from '../org/projectSource.js';
import { resolveSource } from '../org/sdr.js';
import type { Profile } from '../profile/model.js';
import type { Finding, Report } from '../report/finding.js';
import { bySeverity } from '../report/finding.js';
import { inventoryFromHeuristics, inventoryFromProfile } from './inventory.js';
import { auditMetadata } from './metadata.js';
import { AUDIT_RULES } from './rules.js';

export type AuditOptions = {
  /** Source directories to audit. */
  readonly dirs: readonly string[];
  /** Paths in reports are relative to this directory (the project root, where code scanning expects them). */
  readonly root: string;
  /** Without a profile, PHI fields are recognised by their names and types. */
  readonly profile?: Profile;
  readonly version: string;
};

const APEX_TYPES = ['ApexClass', 'ApexTrigger'];

/** Marks the findings the profile accepts (`audit.exceptions`), keeping them in the report. */
export function applyExceptions(findings: readonly Finding[], profile: Profile | undefined): Finding[] {
  return findings.map((f) => {
    if (f.suppression) return f;
    const e = profile?.auditExceptions.find(
      (x) => x.rule === f.ruleId && (!x.component || x.component === f.component?.fullName)
    );
    return e ? { ...f, suppression: { by: 'profile' as const, justification: e.justification } } : f;
  });
}

/** Audits a project's source for the known HIPAA failure patterns. Reads files; writes nothing. */
export async function runAudit(options: AuditOptions): Promise<Report> {
  // The Apex parser is large: loaded only when an audit runs, not whenever the plugin's commands are listed.
  const { auditApex } = await import('./apex.js');
  // One resolution of the source serves both the files to audit and, without a profile, the PHI guess.
  const components = resolveSource(options.dirs);
  const files = readSourceFiles(components);
  const inventory = options.profile
    ? inventoryFromProfile(options.profile)
    : inventoryFromHeuristics(readSourceFields(components));
  const display = (path: string): string => relative(options.root, path).split('\\').join('/');
  const context = { inventory, ...(options.profile ? { profile: options.profile } : {}) };
  const findings = auditMetadata(files, (path) => readFileSync(path, 'utf8'), { ...context, display });
  const skipped: Array<{ file: string; reason: string }> = [];
  for (const file of files.filter((f) => f.content && APEX_TYPES.includes(f.type))) {
    const result = auditApex(
      display(file.content!),
      readFileSync(file.content!, 'utf8'),
      file.type === 'ApexTrigger',
      context
    );
    findings.push(...result.findings);
    if (result.errors.length) skipped.push({ file: display(file.content!), reason: result.errors[0] });
  }
  return {
    tool: { name: 'sf-hipaa', version: options.version },
    rules: AUDIT_RULES,
    findings: applyExceptions(findings, options.profile).sort(bySeverity),
    skipped,
  };
}
