#!/usr/bin/env node
// bench/generate: `generate` on a synthetic profile of 200 objects, 4,000 PHI fields and 30 roles, against
// source-deploy-retrieve reading and converting the same output, in one run. Reports the ratio and peak RSS.
// Usage: npm run bench:generate [-- --runs 3]    (compiles first)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticProfile } from './syntheticProfile.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const home = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-home-'));
const env = { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' };

function child(script, dir) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(here, script), dir], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), rssMb: Number(r.stderr.trim().split('\n').pop()) / 1024 };
}

const profile = syntheticProfile();
const samples = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-gen-'));
  writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
  mkdirSync(join(dir, 'force-app'));
  writeFileSync(join(dir, 'hipaa-profile.yaml'), profile);
  const generate = child('generateOnce.js', dir);
  const convert = child('convertOnce.js', dir);
  samples.push({ generate, convert });
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const generateMs = median(samples.map((s) => s.generate.ms));
const convertMs = median(samples.map((s) => s.convert.ms));
const result = {
  runs,
  files: samples[0].generate.files,
  generateMs: Math.round(generateMs),
  sdrReadAndConvertMs: Math.round(convertMs),
  ratio: Number((generateMs / convertMs).toFixed(3)),
  generatePeakRssMb: Math.round(Math.max(...samples.map((s) => s.generate.rssMb))),
  sdrPeakRssMb: Math.round(Math.max(...samples.map((s) => s.convert.rssMb))),
};
console.log(`bench/generate: 200 objects, 4,000 PHI fields, 30 roles; ${runs} runs, node ${process.version}`);
console.table([result]);
console.log(`generate / SDR read+convert = ${result.ratio}x (goal <= 0.1x); generate peak RSS ${result.generatePeakRssMb} MB (goal <= 300 MB)`);
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(join(root, 'bench', 'out', 'generate.json'), `${JSON.stringify(result, null, 2)}\n`);
