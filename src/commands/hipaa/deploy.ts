import { ConfigAggregator, Messages } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { prepareDeploy, type DeployPackage } from '../../deploy/prepare.js';
import { renderDeployReports } from '../../deploy/render.js';
import { notStarted, reportOf, type OrgDeployReport, type OrgRef } from '../../deploy/report.js';
import { deployToOrg, type DeployRequest, type TestLevel } from '../../org/deploy.js';
import { openOrg, type TargetOrg } from '../../org/orgs.js';
import { formatIssue } from '../../profile/issues.js';
import { mapLimit } from '../../shared/concurrency.js';
import { findProject, resolveProfilePath } from '../../shared/project.js';
import { redact } from '../../shared/redact.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.deploy');

export type HipaaDeployResult = {
  profile: string;
  projectDir: string;
  dryRun: boolean;
  testLevel: TestLevel;
  runTests: string[];
  files: number;
  orgs: OrgDeployReport[];
  /** The orgs (as named) whose deploy or validation succeeded in full. */
  conformant: string[];
  success: boolean;
};

const TEST_LEVELS = ['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg'] as const;

export default class HipaaDeploy extends SfCommand<HipaaDeployResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.string({ char: 'o', multiple: true, summary: messages.getMessage('flags.target-org.summary') }),
    'dry-run': Flags.boolean({ default: false, summary: messages.getMessage('flags.dry-run.summary') }),
    'test-level': Flags.option({ char: 'l', options: TEST_LEVELS, summary: messages.getMessage('flags.test-level.summary') })(),
    wait: Flags.duration({ char: 'w', unit: 'minutes', min: 1, defaultValue: 33, summary: messages.getMessage('flags.wait.summary') }),
    concurrency: Flags.integer({ min: 1, max: 10, default: 2, summary: messages.getMessage('flags.concurrency.summary') }),
    profile: Flags.file({ char: 'p', summary: messages.getMessage('flags.profile.summary') }),
    'project-dir': Flags.directory({ summary: messages.getMessage('flags.project-dir.summary'), exists: true }),
    force: Flags.boolean({ default: false, summary: messages.getMessage('flags.force.summary') }),
    'no-prompt': Flags.boolean({ default: false, summary: messages.getMessage('flags.no-prompt.summary') }),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<HipaaDeployResult> {
    const { flags } = await this.parse(HipaaDeploy);
    const project = await findProject(flags['project-dir']);
    if (!project) throw messages.createError('error.NoProject', [flags['project-dir'] ?? process.cwd()]);
    const profile = resolveProfilePath(flags.profile, project);
    const prepared = await this.prepare(profile, project, flags.force);

    const names = flags['target-org'] ?? [await defaultTargetOrg(project.root)];
    const testLevel = flags['test-level'] ?? 'RunSpecifiedTests';
    const runTests = testLevel === 'RunSpecifiedTests' ? [...prepared.testClasses] : [];
    const noTests = testLevel === 'RunSpecifiedTests' && runTests.length === 0;
    if (noTests) this.warn(messages.getMessage('warn.NoTests'));
    const request: DeployRequest = {
      files: prepared.files,
      sourceApiVersion: prepared.profile.apiVersion,
      checkOnly: flags['dry-run'],
      testLevel: noTests ? 'NoTestRun' : testLevel,
      runTests,
      wait: flags.wait,
      ...pollingFromEnvironment(),
    };

    const opened = await mapLimit(names, flags.concurrency, async (name) => openOrg(name, flags['api-version']).catch((e: Error) => ({ name, error: redact(e.message) })));
    await this.confirmProduction(opened.filter((o): o is TargetOrg => 'connection' in o && o.production), flags['dry-run'] || flags['no-prompt']);

    this.spinner.start(messages.getMessage(flags['dry-run'] ? 'progress.Validate' : 'progress.Start', [prepared.files.length, names.length]));
    const progress = new Map<string, string>();
    const reports = await mapLimit(opened, flags.concurrency, async (target) => {
      if (!('connection' in target)) return notStarted({ org: target.name, username: target.name, production: false }, request, target.error);
      const ref: OrgRef = { org: target.name, username: target.username, production: target.production };
      const outcome = await deployToOrg(target.connection, request, (p) => {
        const line = p.testsTotal
          ? messages.getMessage('progress.OrgTests', [target.name, p.status, p.componentsDone, p.componentsTotal, p.testsDone, p.testsTotal])
          : messages.getMessage('progress.Org', [target.name, p.status, p.componentsDone, p.componentsTotal]);
        progress.set(target.name, line);
        this.spinner.status = [...progress.values()].join(' | ');
      });
      return reportOf(ref, request, outcome, project.root);
    });
    this.spinner.stop();

    renderDeployReports(this, reports);
    const conformant = reports.filter((r) => r.conformant).map((r) => r.org);
    const success = conformant.length === reports.length;
    if (!success) process.exitCode = 1;
    return { profile, projectDir: project.root, dryRun: flags['dry-run'], testLevel: request.testLevel, runTests, files: prepared.files.length, orgs: reports, conformant, success };
  }

  /** The generated package, or an error naming every stale or hand-edited file (unless forced). */
  private async prepare(profile: string, project: Parameters<typeof prepareDeploy>[1], force: boolean): Promise<DeployPackage> {
    const prepared = await prepareDeploy(profile, project);
    if (prepared.status === 'invalid') {
      for (const e of prepared.errors) this.logToStderr(`  ${formatIssue(e)}`);
      throw messages.createError('error.InvalidProfile', [profile, prepared.errors.length], [profile]);
    }
    if (prepared.status === 'empty') throw messages.createError('error.NothingGenerated');
    const problems = [
      ...prepared.stale.map((f) => `  ${f.path}: ${messages.getMessage(`stale.${f.reason}`)}`),
      ...prepared.edited.map((path) => `  ${path}: ${messages.getMessage('stale.edited')}`),
    ];
    if (problems.length > 0 && !force) throw messages.createError('error.Stale', [problems.join('\n')]);
    return prepared;
  }

  private async confirmProduction(production: readonly TargetOrg[], skip: boolean): Promise<void> {
    if (production.length === 0 || skip) return;
    const list = production.map((o) => o.name).join(', ');
    if (this.jsonEnabled()) throw messages.createError('error.ProductionNeedsConfirmation', [list]);
    if (!(await this.confirm({ message: messages.getMessage('prompt.Production', [list]), defaultAnswer: false }))) throw messages.createError('error.Declined');
  }
}

/** The `target-org` configuration of the project deployed (not of the current directory), else the global one. */
async function defaultTargetOrg(projectPath: string): Promise<string> {
  const value = (await ConfigAggregator.create({ projectPath })).getPropertyValue<string>('target-org');
  if (!value) throw messages.createError('error.NoTargetOrg');
  return value;
}

/** Tests and CI may poll faster than the default two seconds. */
function pollingFromEnvironment(): Pick<DeployRequest, 'pollEvery' | 'backoff'> {
  const every = Number(process.env.SF_HIPAA_POLL_MS);
  return every > 0 ? { pollEvery: Duration.milliseconds(every), backoff: Duration.milliseconds(every) } : {};
}
