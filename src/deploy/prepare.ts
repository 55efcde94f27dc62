import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileIssue } from '../profile/issues.js';
import type { Profile } from '../profile/model.js';
import { generateBaseline } from '../project/generate.js';
import { readManifest } from '../project/manifest.js';
import type { ProjectInfo } from '../shared/project.js';

/** What a deploy sends: the files generate wrote, and the Apex test classes among them. */
export type DeployPackage = {
  readonly profile: Profile;
  /** Absolute paths of the generated files on disk. */
  readonly files: readonly string[];
  /** The generated Apex test classes: what RunSpecifiedTests runs. */
  readonly testClasses: readonly string[];
  /** Generated files that differ from what the profile produces now (relative paths), and why. */
  readonly stale: ReadonlyArray<{ readonly path: string; readonly reason: 'missing' | 'outdated' | 'obsolete' }>;
  /** Generated files changed by hand since they were generated (relative paths). */
  readonly edited: readonly string[];
};

export type PrepareOutcome =
  | { readonly status: 'invalid'; readonly errors: readonly ProfileIssue[] }
  | { readonly status: 'empty' }
  | ({ readonly status: 'ready' } & DeployPackage);

/** The baseline ships every class `X` with its test class `XTest`. */
const testClassesOf = (classes: readonly string[]): string[] => {
  const names = new Set(classes);
  return [...names].filter((n) => names.has(`${n}Test`)).map((n) => `${n}Test`).sort();
};

const REASON = { created: 'missing', changed: 'outdated', removed: 'obsolete' } as const;

/**
 * Compares the project with what the profile produces now (the generate pipeline, planned and never written), and
 * lists what generate wrote, as recorded in its manifest. The caller refuses a stale or hand-edited package unless
 * forced.
 */
export async function prepareDeploy(profileFile: string, project: ProjectInfo): Promise<PrepareOutcome> {
  const outcome = await generateBaseline({ profileFile, project, dryRun: true, force: true });
  if (outcome.status === 'invalid') return { status: 'invalid', errors: outcome.errors };
  const manifest = await readManifest(project.root);
  const files = manifest.files.map((f) => join(project.root, f.path)).filter((path) => existsSync(path));
  if (files.length === 0) return { status: 'empty' };
  const { plan } = outcome;
  return {
    status: 'ready',
    profile: outcome.profile,
    files,
    testClasses: testClassesOf(manifest.files.filter((f) => f.type === 'ApexClass').map((f) => f.fullName)),
    stale: plan.files.filter((f) => f.action !== 'unchanged' && !f.editedByHand).map((f) => ({ path: f.path, reason: REASON[f.action as keyof typeof REASON] })),
    edited: plan.conflicts.map((f) => f.path),
  };
}
