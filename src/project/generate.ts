import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildBaseline } from '../baseline/registry.js';
import { resolveSource } from '../org/sdr.js';
import { indexSource, sourcePath } from '../org/sourcePaths.js';
import type { ProfileIssue } from '../profile/issues.js';
import { loadProfile } from '../profile/load.js';
import type { Profile } from '../profile/model.js';
import type { ProjectInfo } from '../shared/project.js';
import { projectFacts } from '../shared/project.js';
import { commitChanges, type FileChange } from './commit.js';
import { readManifest, MANIFEST_PATH } from './manifest.js';
import { planBaseline, type Plan } from './plan.js';

export type GenerateOptions = {
  readonly profileFile: string;
  readonly project: ProjectInfo;
  /** Package directory for new files; default: the project's default package directory. */
  readonly outputDir?: string;
  readonly dryRun: boolean;
  /** Overwrite or remove generated files edited by hand. */
  readonly force: boolean;
  readonly signal?: AbortSignal;
};

export type GenerateOutcome =
  | { readonly status: 'invalid'; readonly errors: readonly ProfileIssue[]; readonly warnings: readonly ProfileIssue[] }
  | {
      readonly status: 'written' | 'planned' | 'refused';
      readonly profile: Profile;
      readonly plan: Plan;
      readonly warnings: readonly ProfileIssue[];
    };

/**
 * The generate pipeline: profile → model → components → plan against the disk → one atomic write. Nothing is written
 * when the profile is invalid, when a generated file was edited by hand (unless forced), or on a dry run.
 */
export async function generateBaseline(options: GenerateOptions): Promise<GenerateOutcome> {
  const { project } = options;
  const loaded = await loadProfile(options.profileFile, projectFacts(project));
  if (!loaded.valid) return { status: 'invalid', errors: loaded.errors, warnings: loaded.warnings };

  const profile = loaded.profile;
  const plan = planBaseline(buildBaseline(profile), {
    projectRoot: project.root,
    outputDir: resolve(options.outputDir ?? project.defaultPackageDir),
    apiVersion: Number(profile.apiVersion),
    manifest: await readManifest(project.root),
    existing: indexSource(resolveSource(project.packageDirs)),
    pathOf: sourcePath,
  });
  const base = { profile, plan, warnings: loaded.warnings };
  if (plan.conflicts.length > 0 && !options.force) return { ...base, status: 'refused' };
  if (options.dryRun) return { ...base, status: 'planned' };

  const changes: FileChange[] = plan.files
    .filter((f) => f.action !== 'unchanged' && (options.force || !f.editedByHand))
    .map((f) => ({ path: join(project.root, f.path), ...(f.action === 'removed' ? {} : { content: f.content }) }));
  const manifestPath = join(project.root, MANIFEST_PATH);
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== plan.manifest) changes.push({ path: manifestPath, content: plan.manifest });
  if (changes.length > 0) commitChanges(changes, options.signal);
  return { ...base, status: 'written' };
}
