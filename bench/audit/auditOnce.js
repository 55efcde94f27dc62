// Child process of bench/audit/run.js: the whole audit of a project (resolve, read, parse, analyse).
import { runAudit } from '../../lib/audit/audit.js';
import { loadProfileText } from '../../lib/profile/load.js';

const [dir, profileText] = [process.argv[2], process.argv[3]];
const loaded = loadProfileText('hipaa-profile.yaml', profileText);
if (!loaded.valid) throw new Error(JSON.stringify(loaded.errors));
const start = performance.now();
const report = await runAudit({ dirs: [`${dir}/force-app`], root: dir, profile: loaded.profile, version: 'bench' });
process.stdout.write(JSON.stringify({ ms: performance.now() - start, findings: report.findings.length, skipped: report.skipped?.length ?? 0 }));
