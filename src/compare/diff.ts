import { readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { applyExceptions } from '../audit/audit.js';
import { buildBaseline } from '../baseline/registry.js';
import { readSourceFiles } from '../org/auditSource.js';
import { retrieveFromOrg } from '../org/retrieve.js';
import { resolveSource } from '../org/sdr.js';
import type { Profile } from '../profile/model.js';
import type { Report } from '../report/finding.js';
import { compareWithBaseline } from './compare.js';
import { DIFF_RULES } from './rules.js';

/**
 * Holders of field, object and user permissions: retrieved whole, so that access granted anywhere is seen. The org
 * returns a profile's field and object permissions only for the objects and fields the same retrieve names; the
 * baseline names every PHI object and field, so a profile's PHI access comes back in full.
 */
const PERMISSION_HOLDERS = ['PermissionSet', 'PermissionSetGroup', 'Profile'];

export type DiffTarget =
  | { readonly kind: 'org'; readonly connection: Connection; readonly wait: Duration; readonly pollEvery?: Duration }
  | { readonly kind: 'source'; readonly dir: string };

export type DiffOptions = {
  readonly profile: Profile;
  readonly target: DiffTarget;
  /** Locations of a source tree are relative to this directory. */
  readonly root: string;
  readonly version: string;
};

export type DiffReport = Report & {
  /** Members the org reported it does not have (from the retrieve). */
  readonly notInOrg: readonly string[];
};

/**
 * The diff pipeline: the baseline built in memory from the profile (as `generate` builds it, nothing written),
 * the target read (an org retrieved into a temporary directory that is removed afterwards, or a source tree),
 * then compared element by element. Findings the profile accepts (`audit.exceptions`) are kept, marked accepted.
 */
export async function runDiff(options: DiffOptions): Promise<DiffReport> {
  const { profile, target } = options;
  const baseline = buildBaseline(profile);
  const read = (path: string): string => readFileSync(path, 'utf8');
  const head = {
    tool: { name: 'sf-hipaa', version: options.version },
    rules: DIFF_RULES,
    controls: [...new Set(baseline.flatMap((c) => c.controls))].sort(),
    anchor: relative(options.root, profile.file).split('\\').join('/'),
  };
  if (target.kind === 'source') {
    const files = readSourceFiles(resolveSource([target.dir]));
    return { ...head, findings: applyExceptions(await compareWithBaseline({ profile, baseline, target: files, read, root: options.root }), profile), notInOrg: [] };
  }
  const retrieved = await retrieveFromOrg(target.connection, {
    members: baseline.map((c) => ({ type: c.type, fullName: c.fullName })),
    everyOf: PERMISSION_HOLDERS,
    sourceApiVersion: profile.apiVersion,
    wait: target.wait,
    ...(target.pollEvery ? { pollEvery: target.pollEvery } : {}),
  });
  try {
    const findings = applyExceptions(await compareWithBaseline({ profile, baseline, target: readSourceFiles(retrieved.components), read }), profile);
    return { ...head, findings, notInOrg: retrieved.messages };
  } finally {
    rmSync(retrieved.dir, { recursive: true, force: true });
  }
}
