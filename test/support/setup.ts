// Loaded before every test file (.mocharc.json): @salesforce/core and sf must never touch the real home directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'sf-hipaa-test-home-'));
Object.assign(process.env, {
  HOME: home,
  USERPROFILE: home,
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SFDX_DISABLE_TELEMETRY: 'true',
});
