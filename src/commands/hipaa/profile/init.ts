import { basename } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { readSourceFields } from '../../../org/projectSource.js';
import { resolveSource } from '../../../org/sdr.js';
import { proposePhiCandidates, type PhiCandidate } from '../../../profile/phiCandidates.js';
import { renderStarterProfile } from '../../../profile/starter.js';
import { FileExistsError, writeFileAtomic } from '../../../project/atomicWrite.js';
import { PROFILE_SCHEMA_FILE } from '../../../shared/paths.js';
import { displayPath, findProject, resolveProfilePath } from '../../../shared/project.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.profile.init');

export type ProfileInitResult = {
  path: string;
  fromProject: boolean;
  candidates: PhiCandidate[];
};

export default class ProfileInit extends SfCommand<ProfileInitResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'output-file': Flags.file({ char: 'f', summary: messages.getMessage('flags.output-file.summary') }),
    'from-project': Flags.boolean({ default: false, summary: messages.getMessage('flags.from-project.summary') }),
    force: Flags.boolean({ default: false, summary: messages.getMessage('flags.force.summary') }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
  };

  public async run(): Promise<ProfileInitResult> {
    const { flags } = await this.parse(ProfileInit);
    const project = await findProject(flags['project-dir']);
    if (flags['from-project'] && !project) throw messages.createError('error.NoProject', [flags['project-dir'] ?? process.cwd()]);
    const path = resolveProfilePath(flags['output-file'], project);

    const candidates = flags['from-project'] && project ? proposePhiCandidates(readSourceFields(resolveSource(project.packageDirs))) : [];
    const text = renderStarterProfile({
      organization: project ? basename(project.root) : 'My Organization',
      ...(project?.sourceApiVersion ? { apiVersion: project.sourceApiVersion } : {}),
      schemaPath: PROFILE_SCHEMA_FILE,
      ...(flags['from-project'] ? { candidates } : {}),
    });
    try {
      await writeFileAtomic(path, text, { overwrite: flags.force });
    } catch (e) {
      if (e instanceof FileExistsError) throw messages.createError('error.FileExists', [displayPath(path)]);
      throw e;
    }

    if (candidates.length > 0) {
      this.table({ title: messages.getMessage('header.Candidates'), data: candidates });
      this.log(messages.getMessage('info.Candidates', [candidates.length]));
    }
    this.logSuccess(messages.getMessage('info.Written', [path]));
    this.log(messages.getMessage('info.NextStep', [path]));
    return { path, fromProject: flags['from-project'], candidates };
  }
}
