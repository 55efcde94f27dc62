import { Messages } from '@salesforce/core';
import { Flags, SfCommand, toHelpSection } from '@salesforce/sf-plugins-core';
import type { ProfileIssue } from '../../../profile/issues.js';
import { formatIssue } from '../../../profile/issues.js';
import { loadProfile } from '../../../profile/load.js';
import { summarizeProfile, type ProfileSummary } from '../../../profile/summary.js';
import { findProject, projectFacts, resolveProfilePath } from '../../../shared/project.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.profile.validate');

export type ProfileValidateResult = {
  valid: boolean;
  profile: string;
  errors: ProfileIssue[];
  warnings: ProfileIssue[];
  summary?: ProfileSummary;
};

export default class ProfileValidate extends SfCommand<ProfileValidateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = toHelpSection('ERROR CODES', {
    'Succeeded (0)': messages.getMessage('error.codes.valid'),
    'Invalid (1)': messages.getMessage('error.codes.invalid'),
  });

  public static readonly flags = {
    profile: Flags.file({ char: 'p', summary: messages.getMessage('flags.profile.summary') }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
  };

  public async run(): Promise<ProfileValidateResult> {
    const { flags } = await this.parse(ProfileValidate);
    const project = await findProject(flags['project-dir']);
    const file = resolveProfilePath(flags.profile, project);
    const result = await loadProfile(file, projectFacts(project));

    for (const w of result.warnings) this.warn(formatIssue(w));
    if (!result.valid) {
      this.logToStderr(messages.getMessage('info.Invalid', [file, result.errors.length]));
      for (const e of result.errors) this.logToStderr(`  ${formatIssue(e)}`);
      process.exitCode = 1;
      return { valid: false, profile: file, errors: [...result.errors], warnings: [...result.warnings] };
    }

    const summary = summarizeProfile(result.profile);
    this.render(summary);
    this.logSuccess(messages.getMessage('info.Valid', [file]));
    return { valid: true, profile: file, errors: [], warnings: [...result.warnings], summary };
  }

  /** Plain lines rather than tables: the table renderer alone would double the command's start-up time. */
  private render(s: ProfileSummary): void {
    const list = (header: string, rows: Array<[string, string]>): void => {
      this.log();
      this.styledHeader(messages.getMessage(header));
      const width = Math.max(...rows.map(([name]) => name.length));
      for (const [name, text] of rows) this.log(`${name.padEnd(width)}  ${text}`);
    };
    this.log(messages.getMessage('header.Overview', [s.organization, s.prefix, s.apiVersion]));
    list(
      'header.Objects',
      s.objects.map((o) => [
        o.name,
        messages.getMessage(o.scaffold ? 'row.ObjectScaffolded' : 'row.Object', [o.phiFields, o.encrypted, o.historyTracked]) +
          (o.retention ? messages.getMessage('row.Retention', [o.retention]) : ''),
      ])
    );
    this.log(messages.getMessage('info.Categories', [Object.entries(s.fieldsByCategory).map(([c, n]) => `${c} ${n}`).join(', ')]));
    list(
      'header.Roles',
      s.roles.map((r) => [
        r.permissionSet,
        messages.getMessage(r.emergency ? 'row.EmergencyRole' : 'row.Role', [r.name, r.readable, r.editable, r.objects.join(', ') || '-']) +
          (r.includes.length ? messages.getMessage('row.Includes', [r.includes.join(', ')]) : ''),
      ])
    );
    list('header.Policies', s.policies.map((p) => [p.name, messages.getMessage('row.Policy', [p.action, p.event, p.condition, p.origin])]));
    const { apps, endpoints } = s.integrations;
    this.log(messages.getMessage('info.Integrations', [apps.length, apps.join(', ') || '-', endpoints.length, endpoints.join(', ') || '-']));
    if (s.relaxations.length === 0) this.log(messages.getMessage('info.NoRelaxations'));
    else list('header.Relaxations', s.relaxations.map((r) => [r.control, messages.getMessage('row.Relaxation', [r.setting, r.justification])]));
  }
}
