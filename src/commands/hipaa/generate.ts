import { Messages } from '@salesforce/core';
import { Flags, SfCommand, toHelpSection } from '@salesforce/sf-plugins-core';
import type { ControlId } from '../../controls/catalog.js';
import { formatIssue } from '../../profile/issues.js';
import { generateBaseline } from '../../project/generate.js';
import type { FileAction, PlannedFile } from '../../project/plan.js';
import { findProject, resolveProfilePath } from '../../shared/project.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.generate');

export type GeneratedFile = { path: string; type: string; fullName: string; action: FileAction; controls: ControlId[]; editedByHand: boolean };
export type HipaaGenerateResult = {
  profile: string;
  projectDir: string;
  dryRun: boolean;
  written: boolean;
  files: GeneratedFile[];
  counts: Record<FileAction, number>;
};

const ACTIONS: FileAction[] = ['created', 'changed', 'unchanged', 'removed'];

export default class HipaaGenerate extends SfCommand<HipaaGenerateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = toHelpSection('ERROR CODES', {
    'Succeeded (0)': messages.getMessage('error.codes.succeeded'),
    'InvalidProfile (1)': messages.getMessage('error.codes.invalidProfile'),
    'EditedByHand (1)': messages.getMessage('error.codes.editedByHand'),
  });

  public static readonly flags = {
    profile: Flags.file({ char: 'p', summary: messages.getMessage('flags.profile.summary') }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
    'output-dir': Flags.directory({ char: 'd', summary: messages.getMessage('flags.output-dir.summary') }),
    'dry-run': Flags.boolean({ default: false, summary: messages.getMessage('flags.dry-run.summary') }),
    force: Flags.boolean({ default: false, summary: messages.getMessage('flags.force.summary') }),
  };

  public async run(): Promise<HipaaGenerateResult> {
    const { flags } = await this.parse(HipaaGenerate);
    const project = await findProject(flags['project-dir']);
    if (!project) throw messages.createError('error.NoProject', [flags['project-dir'] ?? process.cwd()]);
    const profile = resolveProfilePath(flags.profile, project);

    // An interrupt during the write rolls every file back instead of leaving half a baseline.
    const abort = new AbortController();
    const onInterrupt = (): void => abort.abort();
    process.once('SIGINT', onInterrupt);
    const outcome = await generateBaseline({ profileFile: profile, project, outputDir: flags['output-dir'], dryRun: flags['dry-run'], force: flags.force, signal: abort.signal }).finally(() =>
      process.off('SIGINT', onInterrupt)
    );

    if (outcome.status === 'invalid') {
      for (const e of outcome.errors) this.logToStderr(`  ${formatIssue(e)}`);
      throw messages.createError('error.InvalidProfile', [profile, outcome.errors.length], [profile]);
    }
    for (const w of outcome.warnings) this.warn(formatIssue(w));
    const files = outcome.plan.files.map(({ path, type, fullName, action, controls, editedByHand }) => ({ path, type, fullName, action, controls: [...controls], editedByHand }));
    if (outcome.status === 'refused') {
      const edited = outcome.plan.conflicts.map((f) => `  ${f.path}`).join('\n');
      throw messages.createError('error.EditedByHand', [outcome.plan.conflicts.length, edited]);
    }

    const counts = Object.fromEntries(ACTIONS.map((a) => [a, files.filter((f) => f.action === a).length])) as Record<FileAction, number>;
    this.table({ title: messages.getMessage('header.Plan'), data: byType(outcome.plan.files) });
    const changed = counts.created + counts.changed + counts.removed;
    if (outcome.status === 'planned') this.log(messages.getMessage('info.Planned', [changed]));
    else if (changed === 0) this.logSuccess(messages.getMessage('info.UpToDate', [project.root]));
    else this.logSuccess(messages.getMessage('info.Written', [changed, project.root, counts.unchanged]));
    return { profile, projectDir: project.root, dryRun: flags['dry-run'], written: outcome.status === 'written' && changed > 0, files, counts };
  }
}

/** One row per metadata type: how many of its components are created, changed, unchanged, removed. */
function byType(files: readonly PlannedFile[]): Array<Record<'type' | FileAction, string | number>> {
  const rows = new Map<string, Record<'type' | FileAction, string | number>>();
  for (const f of files) {
    const row = rows.get(f.type) ?? { type: f.type, created: 0, changed: 0, unchanged: 0, removed: 0 };
    row[f.action] = Number(row[f.action]) + 1;
    rows.set(f.type, row);
  }
  return [...rows.values()].sort((a, b) => String(a.type).localeCompare(String(b.type)));
}
