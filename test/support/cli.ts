import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export type CliRun = { status: number; stdout: string; stderr: string; json?: { status: number; result?: unknown; name?: string; message?: string } };

/** A HOME of its own, and no telemetry or update checks: what every test that runs the CLI uses. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'sf-hipaa-home-'));
  return {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs the compiled plugin as a user would (`bin/run.js`, after `npm run compile`). */
export function runPlugin(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? isolatedEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const run: CliRun = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('--json')) {
    try {
      run.json = JSON.parse(r.stdout) as CliRun['json'];
    } catch {
      // left undefined: the test will say what was printed instead
    }
  }
  return run;
}
