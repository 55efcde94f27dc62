import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ControlId } from '../controls/catalog.js';

/** Committed with the project: every file the baseline wrote, so that hand edits and leftovers can be told apart. */
export const MANIFEST_PATH = join('.sf-hipaa', 'manifest.json');

export type ManifestEntry = {
  /** Relative to the project root, with forward slashes. */
  readonly path: string;
  readonly type: string;
  readonly fullName: string;
  /** Root element of the file. */
  readonly root: string;
  readonly controls: readonly ControlId[];
  /** SHA-256 of the file, or of only the owned elements when `owned` is set. */
  readonly sha256: string;
  /** Elements the baseline owns in a file it shares with hand-written metadata. */
  readonly owned?: readonly string[];
  /** False when the file existed before the baseline first wrote into it: it is never deleted. */
  readonly created: boolean;
};

export type Manifest = { readonly version: 1; readonly files: readonly ManifestEntry[] };

export async function readManifest(projectRoot: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(join(projectRoot, MANIFEST_PATH), 'utf8')) as Manifest;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: [] };
    throw e;
  }
}

/** The manifest's text: entries by path, keys in one order, so that it changes only when the baseline does. */
export function renderManifest(files: readonly ManifestEntry[]): string {
  const entries = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path, type, fullName, root, controls, sha256, owned, created }) => ({ path, type, fullName, root, controls, sha256, ...(owned ? { owned } : {}), created }));
  return `${JSON.stringify({ version: 1, files: entries }, null, 2)}\n`;
}
