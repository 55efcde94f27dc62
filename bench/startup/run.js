#!/usr/bin/env node
// bench/startup: start-up cost of `sf hipaa profile validate` on the bundled example against the hello-world command
// of plugin-template-sf (an SfCommand that logs one line), measured in the same run, alternating, as whole processes.
// Usage: npm run bench:startup [-- --runs 15]    (compiles first)
import { join } from 'node:path';
import { benchEnv, median, ROOT, runsOption, saveResult, timedNode } from '../support.js';

const runs = runsOption(15);
// COLUMNS/LINES as a terminal sets them: without them the table library asks `tput`, which a terminal never needs.
const env = benchEnv({ COLUMNS: '120', LINES: '40' });
const subjects = {
  'hello world (baseline)': [join(ROOT, 'bench', 'startup', 'hello', 'run.js'), 'hello', 'world'],
  'hipaa profile validate': [join(ROOT, 'bin', 'run.js'), 'hipaa', 'profile', 'validate'],
  'hipaa profile validate --json': [join(ROOT, 'bin', 'run.js'), 'hipaa', 'profile', 'validate', '--json'],
};

const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const args of Object.values(subjects)) timedNode(args, env); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(subjects)) samples[name].push(timedNode(args, env));

const baseline = median(samples['hello world (baseline)'].map((s) => s.ms));
const rows = Object.entries(samples).map(([name, s]) => {
  const ms = median(s.map((x) => x.ms));
  return { command: name, medianMs: Math.round(ms), ratio: Number((ms / baseline).toFixed(2)), peakRssMb: Math.round(Math.max(...s.map((x) => x.rssMb))) };
});

console.log(`bench/startup: ${runs} alternating runs each, node ${process.version}`);
console.table(rows);
console.log(`profile validate / hello world = ${rows[1].ratio}x (goal <= 1.3x)`);
saveResult('startup', { runs, node: process.version, rows });
