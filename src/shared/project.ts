import { isAbsolute, relative, resolve } from 'node:path';
import { SfProject } from '@salesforce/core';
import { readSourceFields } from '../org/projectSource.js';
import type { ProjectFacts, ProjectField } from '../profile/context.js';

export const DEFAULT_PROFILE_FILE = 'hipaa-profile.yaml';

export type ProjectInfo = {
  readonly root: string;
  readonly packageDirs: readonly string[];
  readonly defaultPackageDir: string;
  readonly sourceApiVersion?: string;
};

/** The SFDX project at `dir` (or the one containing the current directory); undefined outside any project. */
export async function findProject(dir?: string): Promise<ProjectInfo | undefined> {
  let project: SfProject;
  try {
    project = await SfProject.resolve(dir ? resolve(dir) : undefined);
  } catch {
    return undefined;
  }
  const json = await project.resolveProjectConfig();
  // Read from the file rather than getPackageDirectories(), which throws while a directory does not exist yet:
  // a new project has no force-app until something is generated into it.
  const entries = (project.getSfProjectJson().getContents().packageDirectories ?? []).filter((p) => 'path' in p && typeof p.path === 'string');
  const root = project.getPath();
  const packageDirs = entries.map((p) => resolve(root, p.path));
  const defaultEntry = entries.find((p) => 'default' in p && p.default === true) ?? entries[0];
  return {
    root,
    packageDirs,
    defaultPackageDir: defaultEntry ? resolve(root, defaultEntry.path) : resolve(root, 'force-app'),
    ...(typeof json.sourceApiVersion === 'string' ? { sourceApiVersion: json.sourceApiVersion } : {}),
  };
}

/** What a project tells the profile loader; field files are read only if the profile asks about one. */
export function projectFacts(project: ProjectInfo | undefined): ProjectFacts {
  if (!project) return {};
  let index: Map<string, ProjectField> | undefined;
  return {
    ...(project.sourceApiVersion ? { sourceApiVersion: project.sourceApiVersion } : {}),
    field: (object: string, name: string): ProjectField | undefined => {
      index ??= new Map(readSourceFields(project.packageDirs).map((f) => [`${f.object}.${f.name}`, f]));
      return index.get(`${object}.${name}`);
    },
  };
}

/** `--profile` as given, else hipaa-profile.yaml at the project root (or in the current directory). */
export function resolveProfilePath(flag: string | undefined, project: ProjectInfo | undefined): string {
  return flag ?? displayPath(resolve(project?.root ?? process.cwd(), DEFAULT_PROFILE_FILE));
}

/** A path relative to the current directory when it is under it, else absolute: problems read file:line:column. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}
