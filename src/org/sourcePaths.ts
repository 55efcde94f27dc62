import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSdr } from './sdr.js';

// Building the registry merges SDR's type variants: seconds if done per file, so it is done once.
let registry: InstanceType<ReturnType<typeof loadSdr>['RegistryAccess']> | undefined;

export const componentKey = (type: string, fullName: string): string => `${type}:${fullName}`;

/**
 * Where a component's file goes under a package directory, as source-deploy-retrieve lays out source format:
 * `main/default/<directory>/<name>.<suffix>-meta.xml`, decomposed children (CustomField) in their parent's folder.
 */
export function sourcePath(type: string, fullName: string): string {
  registry ??= new (loadSdr().RegistryAccess)();
  const t = registry.getTypeByName(type);
  const parent = registry.getParentType(t.id);
  if (parent) {
    const [parentName, childName] = fullName.split('.');
    return join('main', 'default', parent.directoryName, parentName, t.directoryName, `${childName}.${t.suffix ?? ''}-meta.xml`);
  }
  // Decomposed types (CustomObject) keep their own file inside a folder of their name.
  const folder = t.strictDirectoryName ? [t.directoryName, fullName] : [t.directoryName];
  return join('main', 'default', ...folder, `${fullName}.${t.suffix ?? ''}-meta.xml`);
}

/** The metadata files already in the project, by `Type:FullName` (settings by `Settings:Security`). */
export function indexSource(packageDirs: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  const existing = packageDirs.filter((d) => existsSync(d));
  if (existing.length === 0) return index;
  const { ComponentSet } = loadSdr();
  for (const component of ComponentSet.fromSource({ fsPaths: existing }).getSourceComponents().toArray()) {
    for (const c of [component, ...component.getChildren()]) {
      if (c.xml) index.set(componentKey(c.type.name, c.fullName), c.xml);
    }
  }
  return index;
}
