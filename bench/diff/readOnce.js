// Child process of bench/diff/run.js: source-deploy-retrieve merely reading the same tree: resolving every
// component and parsing its metadata XML, which any comparison has to do.
import { join } from 'node:path';
import sdr from '@salesforce/source-deploy-retrieve';

const dir = process.argv[2];
const start = performance.now();
const components = sdr.ComponentSet.fromSource(join(dir, 'force-app')).getSourceComponents().toArray().flatMap((c) => [c, ...c.getChildren()]);
let files = 0;
for (const component of components) {
  if (!component.xml) continue;
  // eslint-disable-next-line no-await-in-loop
  await component.parseXml();
  files++;
}
process.stdout.write(JSON.stringify({ ms: performance.now() - start, files }));
