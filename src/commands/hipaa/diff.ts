import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { runDiff, type DiffTarget } from '../../compare/diff.js';
import { DIFF_KINDS, type DiffKind } from '../../compare/rules.js';
import { formatIssue } from '../../profile/issues.js';
import { loadProfile } from '../../profile/load.js';
import { citationsOf } from '../../controls/catalog.js';
import type { Finding } from '../../report/finding.js';
import { openFindings } from '../../report/finding.js';
import { FORMATS, renderReport, type Format } from '../../report/formats.js';
import { checkReportTarget, emitReport } from '../../report/output.js';
import { findProject, projectFacts, resolveProfilePath } from '../../shared/project.js';
import { redact } from '../../shared/redact.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.diff');

export type HipaaDiffResult = {
  profile: string;
  target: string;
  findings: Finding[];
  open: Record<DiffKind, number>;
  accepted: number;
  /** Baseline members the org reported it does not have. */
  notInOrg: string[];
  outputFile?: string;
};

const FAIL_ON = [...DIFF_KINDS, 'none'] as const;

export default class HipaaDiff extends SfCommand<HipaaDiffResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.optionalOrg({ char: 'o', summary: messages.getMessage('flags.target-org.summary'), exactlyOne: ['target-org', 'source-dir'] }),
    'source-dir': Flags.directory({ char: 'd', summary: messages.getMessage('flags.source-dir.summary'), exists: true, exactlyOne: ['target-org', 'source-dir'] }),
    profile: Flags.file({ char: 'p', summary: messages.getMessage('flags.profile.summary') }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
    format: Flags.option({ char: 'r', summary: messages.getMessage('flags.format.summary'), options: FORMATS, default: 'table' as const })(),
    'output-file': Flags.file({ char: 'f', summary: messages.getMessage('flags.output-file.summary') }),
    'fail-on': Flags.option({ summary: messages.getMessage('flags.fail-on.summary'), options: FAIL_ON, multiple: true, delimiter: ',', default: [...DIFF_KINDS] })(),
    wait: Flags.duration({ char: 'w', unit: 'minutes', min: 1, defaultValue: 10, summary: messages.getMessage('flags.wait.summary') }),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<HipaaDiffResult> {
    const { flags } = await this.parse(HipaaDiff);
    checkReportTarget(flags.format as Format, flags['output-file']);
    const project = await findProject(flags['project-dir']);
    const root = project?.root ?? process.cwd();
    const file = project ? resolveProfilePath(flags.profile, project) : resolve(flags.profile ?? 'hipaa-profile.yaml');
    if (!existsSync(file)) throw messages.createError('error.NoProfile', [file]);
    const loaded = await loadProfile(file, projectFacts(project));
    if (!loaded.valid) {
      for (const e of loaded.errors) this.logToStderr(`  ${formatIssue(e)}`);
      throw messages.createError('error.InvalidProfile', [file, loaded.errors.length], [file]);
    }

    const org = flags['target-org'];
    const every = Number(process.env.SF_HIPAA_POLL_MS);
    const target: DiffTarget = org
      ? { kind: 'org', connection: org.getConnection(flags['api-version']), wait: flags.wait, ...(every > 0 ? { pollEvery: Duration.milliseconds(every) } : {}) }
      : { kind: 'source', dir: resolve(flags['source-dir'] as string) };
    const name = org ? org.getUsername() ?? '' : (flags['source-dir'] as string);
    this.spinner.start(messages.getMessage('progress.Compare', [name]));
    const report = await runDiff({ profile: loaded.profile, target, root, version: this.config.version }).catch((e: Error) => {
      throw org ? messages.createError('error.Retrieve', [name, redact(e.message)]) : e;
    });
    this.spinner.stop();
    for (const member of report.notInOrg) this.warn(messages.getMessage('info.NotInOrg', [name, member]));

    const text = renderReport(report, flags.format as Format, messages.getMessage('report.title', [org ? name : basename(root)]));
    if (text === undefined) this.renderTable(report.findings, name, file);
    else await emitReport(this, text, flags['output-file'], (out) => messages.getMessage('info.Written', [flags.format, out]));

    const open = openFindings(report.findings);
    const counts = Object.fromEntries(DIFF_KINDS.map((k) => [k, open.filter((f) => f.kind === k).length])) as Record<DiffKind, number>;
    const failOn = new Set<string>(flags['fail-on']);
    if (!failOn.has('none') && open.some((f) => failOn.has(f.kind ?? 'excess'))) process.exitCode = 1;
    return {
      profile: file,
      target: name,
      findings: [...report.findings],
      open: counts,
      accepted: report.findings.length - open.length,
      notInOrg: [...report.notInOrg],
      ...(flags['output-file'] ? { outputFile: flags['output-file'] } : {}),
    };
  }

  /** One table per kind of finding, each row an element with its control and citation. */
  private renderTable(findings: readonly Finding[], target: string, profile: string): void {
    if (findings.length === 0) {
      this.log(messages.getMessage('info.NoFindings', [target, profile]));
      return;
    }
    for (const kind of DIFF_KINDS) {
      const rows = findings.filter((f) => f.kind === kind);
      if (rows.length === 0) continue;
      this.table({
        title: messages.getMessage('header.Kind', [kind, rows.length]),
        data: rows.map((f) => ({
          component: `${f.component?.type ?? ''} ${f.component?.fullName ?? ''}`.trim(),
          ...(f.location ? { where: `${f.location.file}:${f.location.line}` } : {}),
          element: f.element ?? '',
          expected: f.expected ?? '',
          actual: f.actual ?? (kind === 'excess' ? f.message : ''),
          control: `${f.control} (${citationsOf([f.control]).map((c) => c.cfr).join(', ')})`,
          severity: f.suppression ? `${f.severity}, accepted` : f.severity,
        })),
      });
    }
    const open = openFindings(findings);
    const count = (k: DiffKind): number => open.filter((f) => f.kind === k).length;
    this.log(messages.getMessage('info.Summary', [open.length, count('missing'), count('drift'), count('excess'), findings.length - open.length]));
  }
}
