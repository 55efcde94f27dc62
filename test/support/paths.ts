import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLE_PROFILE = join(REPO_ROOT, 'hipaa-profile.yaml');
/** What generate writes for the bundled example (`UPDATE_GOLDEN=1` rewrites it). */
export const GOLDEN = join(REPO_ROOT, 'test', 'golden');
/** @salesforce/types exports no .d.ts paths; tests read the installed files. */
export const SALESFORCE_TYPES = join(REPO_ROOT, 'node_modules', '@salesforce', 'types', 'lib');
