// Writes schemas/hipaa-profile.schema.json from the schema the loader uses, so editors and the loader agree.
import { writeFileSync } from 'node:fs';
import { profileSchema } from '../src/profile/schema.js';
import { PROFILE_SCHEMA_FILE } from '../src/shared/paths.js';

writeFileSync(PROFILE_SCHEMA_FILE, `${JSON.stringify(profileSchema, null, 2)}\n`);
process.stdout.write(`wrote ${PROFILE_SCHEMA_FILE}\n`);
