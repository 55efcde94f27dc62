// Child process of bench/generate/run.js: runs the generate pipeline once on a project and prints its timing as JSON.
import { findProject } from '../../lib/shared/project.js';
import { generateBaseline } from '../../lib/project/generate.js';

const dir = process.argv[2];
const start = performance.now();
const project = await findProject(dir);
const outcome = await generateBaseline({ profileFile: `${dir}/hipaa-profile.yaml`, project, dryRun: false, force: false });
const ms = performance.now() - start;
if (outcome.status !== 'written') throw new Error(`generate ended ${outcome.status}: ${JSON.stringify(outcome.errors ?? outcome.plan?.conflicts)}`);
process.stdout.write(JSON.stringify({ ms, files: outcome.plan.files.length }));
