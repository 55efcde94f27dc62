import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** A copy of the bundled example project (sfdx-project.json and hipaa-profile.yaml) in a temporary directory. */
export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-example-'));
  for (const f of ['sfdx-project.json', 'hipaa-profile.yaml']) cpSync(join(REPO_ROOT, f), join(dir, f));
  return dir;
}

/** A copy of a fixture project. */
export function copyProject(source: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sf-hipaa-project-')), 'project');
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Every file under a directory, by path relative to it, with its content. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}
