// What the benchmarks share: the repository root, the --runs option, an isolated environment, timing through
// /usr/bin/time (wall seconds and peak RSS), the median, and where results go.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function runsOption(fallback) {
  const at = process.argv.indexOf('--runs');
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

export const benchEnv = (extra = {}) => ({
  ...process.env,
  HOME: mkdtempSync(join(tmpdir(), 'sf-hipaa-bench-home-')),
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  ...extra,
});

/** Runs `node <args>` under /usr/bin/time: its stdout, wall milliseconds and peak RSS in MB. */
export function timedNode(args, env) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { stdout: r.stdout, ms: seconds * 1000, rssMb: kb / 1024 };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function saveResult(name, result) {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'out', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
