// Child process of bench/audit/run.js: apex-parser alone parsing the same classes, with its defaults.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApexParserFactory } from '@apexdevtools/apex-parser';

const dir = join(process.argv[2], 'force-app', 'main', 'default', 'classes');
const start = performance.now();
let parsed = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.cls'))) {
  ApexParserFactory.createParser(readFileSync(join(dir, f), 'utf8')).compilationUnit();
  parsed++;
}
process.stdout.write(JSON.stringify({ ms: performance.now() - start, parsed }));
