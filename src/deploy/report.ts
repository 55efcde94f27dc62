import { relative } from 'node:path';
import { Messages } from '@salesforce/core';
import type { FileResponse, FileResponseFailure, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import type { DeployOutcome, TestLevel } from '../org/deploy.js';
import { redact } from '../shared/redact.js';
import { lackOf } from './orgShape.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'hipaa.deploy');

export type OrgRef = { readonly org: string; readonly username: string; readonly production: boolean };

export type ComponentResult = {
  type: string;
  fullName: string;
  /** Relative to the project root. */
  file?: string;
  state: string;
  line?: number;
  column?: number;
  problem?: string;
  /** The feature of the org the failure shows missing, and how to proceed. */
  lacks?: { feature: string; advice: string };
};

export type TestFailure = { className: string; methodName: string; message: string };
export type ClassCoverage = { className: string; linesCovered: number; linesTotal: number; percent: number };

export type OrgStatus = 'Succeeded' | 'Failed' | 'Canceled' | 'TimedOut' | 'Error' | 'NotStarted';

export type OrgDeployReport = OrgRef & {
  status: OrgStatus;
  /** True when every component deployed (or validated) and every test passed. */
  conformant: boolean;
  checkOnly: boolean;
  testLevel: TestLevel;
  deployId?: string;
  components: ComponentResult[];
  deployed: number;
  failed: number;
  tests: { run: number; failed: number; failures: TestFailure[] };
  coverage: ClassCoverage[];
  /** Transient errors retried during the deploy. */
  retries: number;
  error?: string;
};

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const toNumber = (x: unknown): number | undefined => (x === undefined || x === null || x === '' ? undefined : Number(x));

function lacksOf(type: string, problem: string | undefined): ComponentResult['lacks'] {
  const lack = problem ? lackOf(type, problem) : undefined;
  if (!lack) return undefined;
  return { feature: messages.getMessage(`lacks.${lack.id}`, [lack.name ?? '']), advice: messages.getMessage(`lacks.${lack.id}.advice`, [lack.name ?? '']) };
}

const isFailed = (f: FileResponse): f is FileResponseFailure => (f.state as string) === 'Failed';

/** Of two files of one component, the one to show: a failure before a success, code before its meta file. */
const preferred = (a: FileResponse, b: FileResponse): FileResponse => {
  if (isFailed(a) !== isFailed(b)) return isFailed(a) ? a : b;
  return a.filePath?.endsWith('-meta.xml') && !b.filePath?.endsWith('-meta.xml') ? b : a;
};

/** One row per component. */
function componentsOf(files: readonly FileResponse[], response: MetadataApiDeployStatus, root: string): ComponentResult[] {
  const best = new Map<string, FileResponse>();
  for (const f of files) {
    const key = `${f.type}:${f.fullName}`;
    const previous = best.get(key);
    best.set(key, previous ? preferred(previous, f) : f);
  }
  const rows = new Map<string, ComponentResult>();
  for (const [key, f] of best) {
    const failure = isFailed(f) ? { problem: redact(f.error), line: f.lineNumber, column: f.columnNumber } : undefined;
    rows.set(key, {
      type: f.type,
      fullName: f.fullName,
      ...(f.filePath ? { file: relative(root, f.filePath).split('\\').join('/') } : {}),
      state: f.state,
      ...(failure?.line ? { line: failure.line } : {}),
      ...(failure?.column ? { column: failure.column } : {}),
      ...(failure ? { problem: failure.problem, lacks: lacksOf(f.type, failure.problem) } : {}),
    });
  }
  // Failures the org reports for something other than a source file (package.xml, an unknown member).
  for (const m of asArray(response.details?.componentFailures)) {
    const type = m.componentType ?? '';
    if (rows.has(`${type}:${m.fullName}`)) continue;
    const problem = redact(m.problem ?? '');
    rows.set(`${type}:${m.fullName}`, {
      type,
      fullName: m.fullName,
      file: m.fileName,
      state: 'Failed',
      ...(toNumber(m.lineNumber) ? { line: toNumber(m.lineNumber) } : {}),
      ...(toNumber(m.columnNumber) ? { column: toNumber(m.columnNumber) } : {}),
      problem,
      lacks: lacksOf(type, problem),
    });
  }
  return [...rows.values()].sort((a, b) => a.type.localeCompare(b.type) || a.fullName.localeCompare(b.fullName));
}

function testsOf(response: MetadataApiDeployStatus): Pick<OrgDeployReport, 'tests' | 'coverage'> {
  const run = response.details?.runTestResult;
  const failures = asArray(run?.failures).map((f) => ({ className: f.name, methodName: f.methodName, message: redact(f.message) }));
  const coverage = asArray(run?.codeCoverage)
    .map((c) => {
      const total = Number(c.numLocations);
      const covered = total - Number(c.numLocationsNotCovered);
      return { className: c.name, linesCovered: covered, linesTotal: total, percent: total === 0 ? 100 : Math.round((covered / total) * 1000) / 10 };
    })
    .sort((a, b) => a.className.localeCompare(b.className));
  return { tests: { run: Number(run?.numTestsRun ?? 0), failed: Number(run?.numFailures ?? 0), failures }, coverage };
}

const STATUS: Readonly<Record<string, OrgStatus>> = { Succeeded: 'Succeeded', SucceededPartial: 'Failed', Failed: 'Failed', Canceled: 'Canceled' };

/**
 * What to tell about an error that persisted: how to proceed where the way is known (log in again), and whether the
 * deploy may be running in the org anyway.
 */
function errorOf(outcome: Extract<DeployOutcome, { kind: 'error' }>): string {
  const raw = redact(outcome.error.message);
  if (/INVALID_SESSION_ID|Session expired or invalid/.test(raw)) return messages.getMessage('error.InvalidSession', [raw]);
  if (outcome.id) return messages.getMessage('error.Persisted', [raw, outcome.id, outcome.id]);
  return outcome.unsure ? messages.getMessage('error.Unsure', [raw]) : raw;
}

/** The report of one org's deploy, from what source-deploy-retrieve returned. Pure; paths relative to `root`. */
export function reportOf(ref: OrgRef, request: { checkOnly: boolean; testLevel: TestLevel }, outcome: DeployOutcome, root: string): OrgDeployReport {
  const base = { ...ref, checkOnly: request.checkOnly, testLevel: request.testLevel, retries: outcome.retries, ...(outcome.id ? { deployId: outcome.id } : {}) };
  const empty = { components: [], deployed: 0, failed: 0, tests: { run: 0, failed: 0, failures: [] }, coverage: [] };
  if (outcome.kind === 'timedOut') return { ...base, ...empty, status: 'TimedOut', conformant: false, error: messages.getMessage('error.TimedOut', [outcome.id]) };
  if (outcome.kind === 'error') return { ...base, ...empty, status: 'Error', conformant: false, error: errorOf(outcome) };
  const { response } = outcome;
  const components = componentsOf(outcome.files, response, root);
  const status = STATUS[response.status] ?? 'Failed';
  const failed = components.filter((c) => c.state === 'Failed').length;
  const tests = testsOf(response);
  return {
    ...base,
    status,
    conformant: status === 'Succeeded' && failed === 0 && tests.tests.failed === 0,
    components,
    deployed: components.length - failed,
    failed,
    ...tests,
    ...(response.errorMessage ? { error: redact(response.errorMessage) } : {}),
  };
}

/** An org the deploy never reached: it could not be opened (no authorization, an unknown alias). */
export function notStarted(ref: OrgRef, request: { checkOnly: boolean; testLevel: TestLevel }, error: string): OrgDeployReport {
  return { ...ref, checkOnly: request.checkOnly, testLevel: request.testLevel, retries: 0, status: 'NotStarted', conformant: false, components: [], deployed: 0, failed: 0, tests: { run: 0, failed: 0, failures: [] }, coverage: [], error: redact(error) };
}
