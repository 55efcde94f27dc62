import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand, toHelpSection } from '@salesforce/sf-plugins-core';
import { runAudit } from '../../audit/audit.js';
import { formatIssue } from '../../profile/issues.js';
import { loadProfile } from '../../profile/load.js';
import type { Profile } from '../../profile/model.js';
import type { Finding, Report, Severity } from '../../report/finding.js';
import { openFindings, SEVERITIES } from '../../report/finding.js';
import { FORMATS, renderReport, type Format } from '../../report/formats.js';
import { checkReportTarget, emitReport } from '../../report/output.js';
import { displayPath, findProject, projectFacts, resolveProfilePath, type ProjectInfo } from '../../shared/project.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.audit');

export type HipaaAuditResult = {
  profile?: string;
  phiSource: 'profile' | 'heuristics';
  findings: Finding[];
  open: Record<Severity, number>;
  accepted: number;
  /** Apex files that do not parse, so were not audited. */
  skipped: Array<{ file: string; reason: string }>;
  outputFile?: string;
};

const FAIL_ON = [...SEVERITIES, 'none'] as const;

export default class HipaaAudit extends SfCommand<HipaaAuditResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = toHelpSection('ERROR CODES', {
    'Succeeded (0)': messages.getMessage('error.codes.clean'),
    'Findings (1)': messages.getMessage('error.codes.findings'),
  });

  public static readonly flags = {
    'source-dir': Flags.directory({ summary: messages.getMessage('flags.source-dir.summary'), multiple: true, exists: true }),
    profile: Flags.file({ char: 'p', summary: messages.getMessage('flags.profile.summary'), exists: true }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
    format: Flags.string({ char: 'r', summary: messages.getMessage('flags.format.summary'), options: [...FORMATS], default: 'table' }),
    'output-file': Flags.file({ char: 'f', summary: messages.getMessage('flags.output-file.summary') }),
    'fail-on': Flags.string({ summary: messages.getMessage('flags.fail-on.summary'), options: [...FAIL_ON], default: 'low' }),
  };

  public async run(): Promise<HipaaAuditResult> {
    const { flags } = await this.parse(HipaaAudit);
    checkReportTarget(flags.format as Format, flags['output-file']);
    const project = await findProject(flags['project-dir']);
    const dirs = flags['source-dir'] ?? project?.packageDirs;
    if (!dirs?.length) throw messages.createError('error.NoSource', [flags['project-dir'] ?? process.cwd()]);
    const root = project?.root ?? process.cwd();

    const profile = await this.loadAuditProfile(flags.profile, project);
    const report = await runAudit({ dirs, root, ...(profile ? { profile } : {}), version: this.config.version });
    for (const s of report.skipped ?? []) this.warn(messages.getMessage('warning.Skipped', [s.file, s.reason]));
    await this.output(report, flags.format as Format, flags['output-file'], basename(root), profile);

    const open = openFindings(report.findings);
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length])) as Record<Severity, number>;
    const failOn = flags['fail-on'];
    if (failOn !== 'none' && open.some((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(failOn as Severity))) process.exitCode = 1;
    return {
      ...(profile ? { profile: profile.file } : {}),
      phiSource: profile ? 'profile' : 'heuristics',
      findings: [...report.findings],
      open: counts,
      accepted: report.findings.length - open.length,
      skipped: [...(report.skipped ?? [])],
      ...(flags['output-file'] ? { outputFile: flags['output-file'] } : {}),
    };
  }

  /** The profile given, else the project's hipaa-profile.yaml if there is one; an invalid one stops the audit. */
  private async loadAuditProfile(flag: string | undefined, project: ProjectInfo | undefined): Promise<Profile | undefined> {
    const file = flag ?? (project ? resolveProfilePath(undefined, project) : undefined);
    if (!file || (!flag && !existsSync(file))) return undefined;
    const loaded = await loadProfile(file, projectFacts(project));
    if (loaded.valid) return loaded.profile;
    for (const e of loaded.errors) this.logToStderr(`  ${formatIssue(e)}`);
    throw messages.createError('error.InvalidProfile', [file, loaded.errors.length], [file]);
  }

  private async output(report: Report, format: Format, outputFile: string | undefined, project: string, profile: Profile | undefined): Promise<void> {
    const text = renderReport(report, format, messages.getMessage('report.title', [project]));
    if (text === undefined) this.renderTable(report, profile ? displayPath(profile.file) : messages.getMessage('info.heuristics'));
    else await emitReport(this, text, outputFile, (file) => messages.getMessage('info.Written', [format, file]));
  }

  private renderTable(report: Report, phiSource: string): void {
    const open = openFindings(report.findings);
    if (report.findings.length === 0) {
      this.log(messages.getMessage('info.NoFindings'));
      return;
    }
    for (const severity of SEVERITIES) {
      const rows = report.findings.filter((f) => f.severity === severity);
      if (rows.length === 0) continue;
      this.table({
        title: messages.getMessage('header.Severity', [severity, rows.length]),
        data: rows.map((f) => ({
          rule: f.ruleId,
          where: f.location ? `${f.location.file}:${f.location.line}` : `${f.component?.type ?? ''} ${f.component?.fullName ?? ''}`.trim(),
          finding: f.suppression ? `${f.message} (accepted: ${f.suppression.justification})` : f.message,
          control: f.control,
        })),
      });
    }
    const counts = SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${s}`).join(', ');
    this.log(messages.getMessage('info.Summary', [open.length, counts, report.findings.length - open.length, phiSource]));
  }
}
