// Child process of bench/diff/run.js: compares a source tree with the baseline of a profile once, as
// `sf hipaa diff --source-dir` does, and prints its timing as JSON.
import { join } from 'node:path';
import { runDiff } from '../../lib/compare/diff.js';
import { loadProfile } from '../../lib/profile/load.js';

const dir = process.argv[2];
const start = performance.now();
const loaded = await loadProfile(join(dir, 'hipaa-profile.yaml'), {});
if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
const report = await runDiff({ profile: loaded.profile, target: { kind: 'source', dir: join(dir, 'force-app') }, root: dir, version: 'bench' });
process.stdout.write(JSON.stringify({ ms: performance.now() - start, findings: report.findings.length }));
