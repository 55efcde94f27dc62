// Child process of bench/generate/run.js: source-deploy-retrieve reads the generated source and converts it to a
// metadata package, as a deploy does before it sends anything.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sdr from '@salesforce/source-deploy-retrieve';

const dir = process.argv[2];
const start = performance.now();
const components = sdr.ComponentSet.fromSource(join(dir, 'force-app'));
components.sourceApiVersion = '66.0';
components.apiVersion = '66.0';
const output = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-mdapi-'));
await new sdr.MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory: output, genUniqueDir: false });
process.stdout.write(JSON.stringify({ ms: performance.now() - start, components: components.size }));
