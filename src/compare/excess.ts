import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inventoryFromProfile } from '../audit/inventory.js';
import { auditMetadata } from '../audit/metadata.js';
import type { SourceFile } from '../org/auditSource.js';
import type { Profile } from '../profile/model.js';
import type { Finding } from '../report/finding.js';
import { EXCESS_RULES } from './rules.js';

/** Below this much XML, a second thread costs more to start than it saves. */
const PARALLEL_BYTES = 32 * 1024 * 1024;

export type ExcessJob = {
  readonly files: readonly SourceFile[];
  readonly profile: Profile;
  /** Locations are relative to this directory; without it, findings carry none. */
  readonly root?: string;
};

/** The audit's permission rules over permission sets and profiles outside the baseline: PHI access no role grants. */
export function auditExcess({ files, profile, root }: ExcessJob): Finding[] {
  const display = (path: string): string => (root === undefined ? path : relative(root, path).split('\\').join('/'));
  const findings = auditMetadata(files, (path) => readFileSync(path, 'utf8'), { inventory: inventoryFromProfile(profile), profile, display });
  return findings.filter((f) => EXCESS_RULES.has(f.ruleId)).map(({ location, ...f }): Finding => ({ ...f, kind: 'excess', ...(root !== undefined && location ? { location } : {}) }));
}

function inWorker(job: ExcessJob): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./excessWorker.js', import.meta.url), { workerData: job });
    worker.once('message', (findings: Finding[]) => resolve(findings));
    worker.once('error', reject);
    // A worker that ends without its findings (out of memory, killed) fails the comparison rather than hang it.
    worker.once('exit', (code) => reject(new Error(`the permission audit thread ended (exit code ${code}) before it finished`)));
  });
}

/**
 * `auditExcess`, with the files split between this thread and a worker thread when there is enough XML to parse
 * (an org's profiles and permission sets can weigh hundreds of megabytes). Results keep the order of the files.
 */
export async function auditExcessInParallel(job: ExcessJob, parallelBytes = PARALLEL_BYTES): Promise<Finding[]> {
  const sizes = job.files.map((f) => statSync(f.xml).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < parallelBytes || job.files.length < 2) return auditExcess(job);
  // The first files, up to half the bytes, go to the worker; this thread takes the rest meanwhile.
  let half = 0;
  let cut = 0;
  while (cut < sizes.length && half < total / 2) half += sizes[cut++];
  const theirs = inWorker({ ...job, files: job.files.slice(0, cut) });
  const ours = auditExcess({ ...job, files: job.files.slice(cut) });
  return [...(await theirs), ...ours];
}
