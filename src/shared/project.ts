import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Messages, SfProject } from '@salesforce/core';
import { readSourceFields } from '../org/projectSource.js';
import { resolveSource } from '../org/sdr.js';
import type { ProjectFacts, ProjectField } from '../profile/context.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'shared');

export const DEFAULT_PROFILE_FILE = 'hipaa-profile.yaml';

export type ProjectInfo = {
  readonly root: string;
  readonly packageDirs: readonly string[];
  readonly defaultPackageDir: string;
  readonly sourceApiVersion?: string;
};

type ProjectJson = { packageDirectories?: Array<{ path?: unknown; default?: unknown }>; sourceApiVersion?: unknown };

/**
 * The SFDX project at `dir` (or the one containing the current directory); undefined outside any project.
 * SfProject finds the root; the two keys needed are then read from sfdx-project.json directly, because loading the
 * whole SfProject starts core's file logger, whose flush at exit costs commands that never touch an org a third of a
 * second.
 */
export async function findProject(dir?: string): Promise<ProjectInfo | undefined> {
  let root: string;
  try {
    root = await SfProject.resolveProjectPath(dir ? resolve(dir) : undefined);
  } catch {
    return undefined;
  }
  const file = join(root, 'sfdx-project.json');
  let json: ProjectJson;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as ProjectJson;
  } catch (e) {
    throw messages.createError('error.InvalidProjectFile', [file, (e as Error).message]);
  }
  // packageDirectories may not exist yet: a new project has no force-app until something is generated into it.
  const entries = (json.packageDirectories ?? []).filter((p): p is { path: string; default?: unknown } => typeof p.path === 'string');
  const defaultEntry = entries.find((p) => p.default === true) ?? entries[0];
  return {
    root,
    packageDirs: entries.map((p) => resolve(root, p.path)),
    defaultPackageDir: resolve(root, defaultEntry?.path ?? 'force-app'),
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
      index ??= new Map(readSourceFields(resolveSource(project.packageDirs)).map((f) => [`${f.object}.${f.name}`, f]));
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
