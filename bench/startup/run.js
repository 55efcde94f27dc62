#!/usr/bin/env node
// bench/startup: start-up cost of `sf hipaa profile validate` on the bundled example against the hello-world command
// of plugin-template-sf (an SfCommand that logs one line), measured in the same run, alternating, as whole processes.
// Usage: npm run bench:startup [-- --runs 15]    (needs `npm run compile` first)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const home = mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-'));
// COLUMNS/LINES as a terminal sets them: without them the table library asks `tput`, which a terminal never needs.
const env = { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true', COLUMNS: '120', LINES: '40' };

const subjects = {
  'hello world (baseline)': [join(here, 'hello', 'run.js'), 'hello', 'world'],
  'hipaa profile validate': [join(root, 'bin', 'run.js'), 'hipaa', 'profile', 'validate'],
  'hipaa profile validate --json': [join(root, 'bin', 'run.js'), 'hipaa', 'profile', 'validate', '--json'],
};

function once(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: seconds * 1000, rssMb: kb / 1024 };
}

const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const args of Object.values(subjects)) once(args); // warm the file cache
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(subjects)) samples[name].push(once(args));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline = median(samples['hello world (baseline)'].map((s) => s.ms));
const rows = Object.entries(samples).map(([name, s]) => {
  const ms = median(s.map((x) => x.ms));
  return { command: name, medianMs: Math.round(ms), ratio: Number((ms / baseline).toFixed(2)), peakRssMb: Math.round(Math.max(...s.map((x) => x.rssMb))) };
});

console.log(`bench/startup: ${runs} alternating runs each, node ${process.version}`);
console.table(rows);
const goal = rows.find((r) => r.command === 'hipaa profile validate').ratio;
console.log(`profile validate / hello world = ${goal}x (goal <= 1.3x)`);
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(join(root, 'bench', 'out', 'startup.json'), `${JSON.stringify({ runs, node: process.version, rows }, null, 2)}\n`);
