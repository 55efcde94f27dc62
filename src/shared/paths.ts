import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (the folder holding package.json, schemas/, templates/), wherever it runs from. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROFILE_SCHEMA_FILE = resolve(PACKAGE_ROOT, 'schemas', 'hipaa-profile.schema.json');
