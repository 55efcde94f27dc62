import { existsSync } from 'node:fs';
import { loadSdr } from './sdr.js';

/** A metadata file of the project: its type and name as source-deploy-retrieve resolves them, and its files. */
export type SourceFile = {
  readonly type: string;
  readonly fullName: string;
  /** The `-meta.xml` file. */
  readonly xml: string;
  /** The code file of Apex classes and triggers. */
  readonly content?: string;
};

/** Every component under the given directories, decomposed children (fields) included, sorted by path. */
export function readSourceFiles(dirs: readonly string[]): SourceFile[] {
  const existing = dirs.filter((d) => existsSync(d));
  if (existing.length === 0) return [];
  const { ComponentSet } = loadSdr();
  const files: SourceFile[] = [];
  for (const component of ComponentSet.fromSource({ fsPaths: existing }).getSourceComponents().toArray()) {
    for (const c of [component, ...component.getChildren()]) {
      if (!c.xml) continue;
      files.push({ type: c.type.name, fullName: c.fullName, xml: c.xml, ...(typeof c.content === 'string' && !c.type.children ? { content: c.content } : {}) });
    }
  }
  return files.sort((a, b) => a.xml.localeCompare(b.xml));
}
