#!/usr/bin/env node
// bench/generate: `generate` on a synthetic profile of 200 objects, 4,000 PHI fields and 30 roles, against
// source-deploy-retrieve reading and converting the same output, in one run. Reports the ratio and peak RSS.
// Usage: npm run bench:generate [-- --runs 3]    (compiles first)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, median, ROOT, runsOption, saveResult, timedNode } from '../support.js';
import { syntheticProfile } from './syntheticProfile.js';

const runs = runsOption(3);
const env = benchEnv();
/** Each step runs in its own process, which reports the time of the work itself (module loading excluded). */
const step = (script, dir) => {
  const r = timedNode([join(ROOT, 'bench', 'generate', script), dir], env);
  return { ...JSON.parse(r.stdout), rssMb: r.rssMb };
};

const profile = syntheticProfile();
const samples = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-gen-'));
  writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
  mkdirSync(join(dir, 'force-app'));
  writeFileSync(join(dir, 'hipaa-profile.yaml'), profile);
  samples.push({ generate: step('generateOnce.js', dir), convert: step('convertOnce.js', dir) });
  rmSync(dir, { recursive: true, force: true });
}

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
saveResult('generate', result);
