import { join } from 'node:path';
import { loadSdr, type SdrComponent } from './sdr.js';

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
    return join(
      'main',
      'default',
      parent.directoryName,
      parentName,
      t.directoryName,
      `${childName}.${t.suffix ?? ''}-meta.xml`
    );
  }
  // Decomposed types (CustomObject) keep their own file inside a folder of their name.
  const folder = t.strictDirectoryName ? [t.directoryName, fullName] : [t.directoryName];
  return join('main', 'default', ...folder, `${fullName}.${t.suffix ?? ''}-meta.xml`);
}

/** The metadata files already among resolved components (`resolveSource`), by `Type:FullName`. */
export function indexSource(components: readonly SdrComponent[]): Map<string, string> {
  return new Map(components.filter((c) => c.xml).map((c) => [componentKey(c.type.name, c.fullName), c.xml as string]));
}
