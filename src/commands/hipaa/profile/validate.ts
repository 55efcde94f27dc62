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

  private render(s: ProfileSummary): void {
    this.log(messages.getMessage('header.Overview', [s.organization, s.prefix, s.apiVersion]));
    this.table({ title: messages.getMessage('header.Objects'), data: s.objects.map((o) => ({ ...o, retention: o.retention ?? '-' })) });
    this.table({
      title: messages.getMessage('header.Categories'),
      data: Object.entries(s.fieldsByCategory).map(([category, fields]) => ({ category, fields })),
    });
    this.table({
      title: messages.getMessage('header.Roles'),
      data: s.roles.map((r) => ({ ...r, includes: r.includes.join(', '), objects: r.objects.join(', ') })),
    });
    this.table({ title: messages.getMessage('header.Policies'), data: s.policies });
    const { apps, endpoints } = s.integrations;
    this.log(messages.getMessage('info.Integrations', [apps.length, apps.join(', ') || '-', endpoints.length, endpoints.join(', ') || '-']));
    if (s.relaxations.length === 0) this.log(messages.getMessage('info.NoRelaxations'));
    else this.table({ title: messages.getMessage('header.Relaxations'), data: s.relaxations });
  }
}

