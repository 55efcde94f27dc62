import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type SdrModule = typeof import('@salesforce/source-deploy-retrieve');
export type SdrComponent = import('@salesforce/source-deploy-retrieve').SourceComponent;

// source-deploy-retrieve is CommonJS and slow to load: required on first use, only by commands that read or write
// source, so that `profile validate` starts fast.
const require = createRequire(import.meta.url);
let sdr: SdrModule | undefined;
export const loadSdr = (): SdrModule => (sdr ??= require('@salesforce/source-deploy-retrieve') as SdrModule);

/**
 * Every component under the given directories (those that exist), decomposed children (fields) included, as
 * source-deploy-retrieve resolves them: it knows the layouts and the project's presets. One resolution serves every
 * reader of the same source.
 */
export function resolveSource(dirs: readonly string[]): SdrComponent[] {
  const existing = dirs.filter((d) => existsSync(d));
  if (existing.length === 0) return [];
  return loadSdr()
    .ComponentSet.fromSource({ fsPaths: existing })
    .getSourceComponents()
    .toArray()
    .flatMap((c) => [c, ...c.getChildren()]);
}
