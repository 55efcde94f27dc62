import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Component } from '../baseline/component.js';
import type { ControlId } from '../controls/catalog.js';
import { mergeMetadata, ownedDigest, renderMetadata, sha256 } from '../metadata/xml.js';
import { componentKey } from '../org/sourcePaths.js';
import type { Manifest, ManifestEntry } from './manifest.js';
import { renderManifest } from './manifest.js';

export type FileAction = 'created' | 'changed' | 'unchanged' | 'removed';

export type PlannedFile = {
  /** Relative to the project root, forward slashes. */
  readonly path: string;
  readonly type: string;
  readonly fullName: string;
  readonly action: FileAction;
  readonly controls: readonly ControlId[];
  /** Changed since the baseline last wrote it: left alone unless forced. */
  readonly editedByHand: boolean;
  /** The new content; absent for removals. */
  readonly content?: string;
};

export type Plan = { readonly files: readonly PlannedFile[]; readonly manifest: string; readonly conflicts: readonly PlannedFile[] };

export type PlanInputs = {
  readonly projectRoot: string;
  /** Package directory new files go to. */
  readonly outputDir: string;
  readonly apiVersion: number;
  readonly manifest: Manifest;
  /** Existing metadata files of the project, by `Type:FullName` (absolute or project-relative paths). */
  readonly existing: ReadonlyMap<string, string>;
  /** Where a new component's file goes under a package directory. */
  readonly pathOf: (type: string, fullName: string) => string;
};

const posix = (path: string): string => path.split(sep).join('/');

/** A code file is the baseline's whole: it is created, replaced, or left alone when it is already the same. */
function planCode(absolute: string, code: string, before: ManifestEntry | undefined): { file: Pick<PlannedFile, 'action' | 'editedByHand' | 'content'>; created: boolean } {
  const current = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  const action: FileAction = current === undefined ? 'created' : current === code ? 'unchanged' : 'changed';
  const editedByHand = action === 'changed' && (before === undefined || sha256(current ?? '') !== before.sha256);
  return { file: { action, editedByHand, content: code }, created: current === undefined || (before?.created ?? false) };
}

type Planned = { file: PlannedFile; entry: ManifestEntry };

/** The metadata file of one component: where it goes, its new text, and whether it was edited by hand. */
function planMetadata(c: Component, inputs: PlanInputs, previous: ReadonlyMap<string, ManifestEntry>): Planned {
  const { projectRoot } = inputs;
  const found = inputs.existing.get(componentKey(c.type, c.fullName));
  const absolute = found ? resolve(projectRoot, found) : join(inputs.outputDir, inputs.pathOf(c.type, c.fullName));
  const path = posix(relative(projectRoot, absolute));
  const before = previous.get(path);
  const current = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  const created = current === undefined || (before?.created ?? false);
  // In a file it shares with hand-written metadata, the baseline owns only its own elements.
  const owned = c.owned ?? (created ? undefined : Object.keys(c.content));
  const content =
    current === undefined || owned === undefined
      ? renderMetadata(c.root, c.content, inputs.apiVersion)
      : mergeMetadata(c.root, current, c.content, owned, inputs.apiVersion);
  const editedByHand = Boolean(current !== undefined && before && ownedDigest(c.root, current, before.owned) !== before.sha256);
  const action: FileAction = current === undefined ? 'created' : current === content ? 'unchanged' : 'changed';
  const ids = { path, type: c.type, fullName: c.fullName, controls: c.controls };
  return {
    file: { ...ids, action, editedByHand: editedByHand && action !== 'unchanged', content },
    entry: { ...ids, root: c.root, sha256: ownedDigest(c.root, content, owned), ...(owned ? { owned } : {}), created },
  };
}

/** Compares the baseline with the disk: what to create, change, leave or remove. Reads files; writes nothing. */
export function planBaseline(components: readonly Component[], inputs: PlanInputs): Plan {
  const { projectRoot } = inputs;
  const previous = new Map(inputs.manifest.files.map((e) => [e.path, e]));
  const files: PlannedFile[] = [];
  const entries: ManifestEntry[] = [];

  for (const c of components) {
    const { file, entry } = planMetadata(c, inputs, previous);
    files.push(file);
    entries.push(entry);
    previous.delete(file.path);
    if (c.code !== undefined) {
      // source-deploy-retrieve pairs a code file with its metadata file by name: `X.cls` beside `X.cls-meta.xml`.
      const codePath = file.path.replace(/-meta\.xml$/, '');
      const code = planCode(join(projectRoot, codePath), c.code, previous.get(codePath));
      const ids = { path: codePath, type: c.type, fullName: c.fullName, controls: c.controls };
      files.push({ ...code.file, ...ids });
      entries.push({ ...ids, root: c.root, sha256: sha256(c.code), created: code.created });
      previous.delete(codePath);
    }
  }

  // What the profile no longer produces: files the baseline created go; files it only merged into stay.
  for (const old of previous.values()) {
    const absolute = join(projectRoot, old.path);
    if (!old.created || !existsSync(absolute)) continue;
    const editedByHand = ownedDigest(old.root, readFileSync(absolute, 'utf8'), old.owned) !== old.sha256;
    files.push({ path: old.path, type: old.type, fullName: old.fullName, action: 'removed', controls: old.controls, editedByHand });
    if (editedByHand) entries.push(old);
  }

  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, manifest: renderManifest(entries), conflicts: files.filter((f) => f.editedByHand) };
}

