import { evaluateDeploy, parseDeployOptions, type DeployEvaluation, type DeployRequestOptions } from './deploy.js';
import type { FaultBook } from './faults.js';
import type { IdFactory } from './ids.js';
import type { EmulatedOrg } from './org.js';
import { listMetadata, readMetadata, retrieve, type RetrieveOutcome, type UserInfo } from './retrieve.js';
import { SoapFault, type SoapRequest } from './soap.js';
import type { DeployRecord } from './types.js';
import { childNamed, childrenNamed, textOf, textsOf, type XmlObject, type XmlValue } from './xml.js';

export type MetadataApiSettings = {
  readonly org: EmulatedOrg;
  readonly ids: IdFactory;
  readonly faults: FaultBook;
  readonly user: UserInfo;
  readonly shield: boolean;
  readonly unknownUserPermissions: ReadonlySet<string>;
  readonly production: boolean;
  readonly pollsBeforeDone: number;
  readonly deploys: DeployRecord[];
  readonly now: () => string;
};

/** A deploy in flight: it answers InProgress `remaining` times, then ends (and persists) on the next poll. */
class DeployJob {
  public canceled = false;
  public completedDate?: string;

  public constructor(
    public readonly id: string,
    public readonly options: DeployRequestOptions,
    public readonly evaluation: DeployEvaluation,
    public readonly record: DeployRecord,
    public readonly createdDate: string,
    private remaining: number
  ) {}

  public get done(): boolean {
    return this.completedDate !== undefined;
  }

  /** Done and not canceled: the result has details. */
  public get finished(): boolean {
    return this.done && !this.canceled;
  }

  public poll(now: string): void {
    if (this.done) return;
    if (this.remaining > 0 && !this.canceled) {
      this.remaining -= 1;
      this.record.status = 'InProgress';
    } else this.finish(now);
  }

  public cancel(): void {
    if (this.done) throw new SoapFault('INVALID_ID_FIELD', 'Deployment already completed');
    this.canceled = true;
  }

  /** rollbackOnError and checkOnly: only a real deploy without failures writes to the org. */
  private finish(now: string): void {
    this.completedDate = now;
    if (this.canceled) {
      this.record.status = 'Canceled';
      return;
    }
    this.record.status = this.evaluation.status;
    if (this.evaluation.status !== 'Failed' && !this.options.checkOnly) {
      this.evaluation.persist();
      this.record.persisted = true;
    }
  }
}

type RetrieveJob = { readonly id: string; readonly outcome: RetrieveOutcome; remaining: number };

const EMPTY_TEST_RESULT = { numFailures: 0, numTestsRun: 0, totalTime: 0 };
const unknownId = (): SoapFault => new SoapFault('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');

/** DeployResult's counters, in WSDL order; zero until the job is done. */
function counts(job: DeployJob): XmlObject {
  const ev = job.evaluation;
  const tests = job.finished ? ev.tests : undefined;
  // A runTests name that is not a test class counts as a test that did not run.
  const invalidNames = tests?.failures.filter((f) => f.methodName === null).length ?? 0;
  return {
    numberComponentErrors: job.finished ? ev.failures.length : 0,
    // The package.xml entry is not a component.
    numberComponentsDeployed: job.finished ? Math.max(ev.successes.length - 1, 0) : 0,
    numberComponentsTotal: ev.components.length,
    numberTestErrors: tests?.numFailures ?? 0,
    numberTestsCompleted: tests?.successes.length ?? 0,
    numberTestsTotal: (tests?.numTestsRun ?? 0) + invalidNames,
  };
}

/** The SOAP Metadata API operations over the emulated org. Jobs finish when polled, after the configured InProgress answers. */
export class MetadataApi {
  private readonly deployJobs = new Map<string, DeployJob>();
  private readonly retrieveJobs = new Map<string, RetrieveJob>();

  public constructor(private readonly settings: MetadataApiSettings) {}

  public async handle(request: SoapRequest): Promise<XmlValue> {
    const body = request.body;
    switch (request.operation) {
      case 'deploy':
        return this.deploy(
          body.children.find((c) => c.name === 'ZipFile')?.text ?? '',
          parseDeployOptions(childNamed(body, 'DeployOptions'))
        );
      case 'checkDeployStatus':
        return this.checkDeployStatus(textOf(body, 'asyncProcessId') ?? '', textOf(body, 'includeDetails') === 'true');
      case 'cancelDeploy':
        return this.cancelDeploy(textOf(body, 'id') ?? '');
      case 'retrieve':
        return this.retrieve(childNamed(body, 'request'));
      case 'checkRetrieveStatus':
        return this.checkRetrieveStatus(textOf(body, 'asyncProcessId') ?? '', textOf(body, 'includeZip') !== 'false');
      case 'listMetadata':
        return listMetadata(this.settings.org, childrenNamed(body, 'queries'), this.settings.user);
      case 'readMetadata':
        return readMetadata(this.settings.org, textOf(body, 'type') ?? '', textsOf(body, 'fullNames'));
      default:
        throw new SoapFault(
          'UNKNOWN_EXCEPTION',
          `No operation available for request {http://soap.sforce.com/2006/04/metadata}${request.operation}`
        );
    }
  }

  private async deploy(zipBase64: string, options: DeployRequestOptions): Promise<XmlObject> {
    const { org, faults, production, shield, unknownUserPermissions, now } = this.settings;
    const evaluation = await evaluateDeploy(Buffer.from(zipBase64, 'base64'), options, {
      org,
      shield,
      unknownUserPermissions,
      production,
      now,
      componentFault: (ref) => faults.takeComponent(ref),
      testFault: (className, methodName) => faults.takeTest(className, methodName),
    });
    const id = this.settings.ids.next('DeployRequest');
    const record: DeployRecord = {
      id,
      checkOnly: options.checkOnly,
      testLevel: evaluation.testLevel,
      runTests: options.runTests,
      status: 'Pending',
      components: evaluation.components,
      persisted: false,
    };
    this.settings.deploys.push(record);
    const remaining = this.settings.pollsBeforeDone + faults.takeSlowPolling();
    this.deployJobs.set(id, new DeployJob(id, options, evaluation, record, now(), remaining));
    return { done: false, id, state: 'Queued' };
  }

  private checkDeployStatus(id: string, includeDetails: boolean): XmlObject {
    const job = this.deployJobs.get(id);
    if (!job) throw unknownId();
    job.poll(this.settings.now());
    return this.deployResult(job, includeDetails);
  }

  private cancelDeploy(id: string): XmlObject {
    const job = this.deployJobs.get(id);
    if (!job) throw unknownId();
    job.cancel();
    return { done: false, id };
  }

  private deployResult(job: DeployJob, includeDetails: boolean): XmlObject {
    const { user, now } = this.settings;
    const { evaluation: ev, record, finished } = job;
    const canceled = job.canceled && job.done;
    const details = {
      componentFailures: finished ? ev.failures : undefined,
      componentSuccesses: finished ? ev.successes : undefined,
      runTestResult: (finished ? ev.tests : undefined) ?? EMPTY_TEST_RESULT,
    };
    return {
      canceledBy: canceled ? user.id.slice(0, 15) : undefined,
      canceledByName: canceled ? user.name : undefined,
      checkOnly: job.options.checkOnly,
      completedDate: job.completedDate,
      createdBy: user.id.slice(0, 15),
      createdByName: user.name,
      createdDate: job.createdDate,
      details: includeDetails ? details : undefined,
      done: job.done,
      errorMessage: finished ? ev.errorMessage : undefined,
      errorStatusCode: finished ? ev.errorStatusCode : undefined,
      id: job.id,
      ignoreWarnings: job.options.ignoreWarnings,
      lastModifiedDate: now(),
      ...counts(job),
      rollbackOnError: job.options.rollbackOnError,
      runTestsEnabled: record.testLevel !== 'NoTestRun',
      startDate: job.createdDate,
      status: record.status === 'Pending' ? 'InProgress' : record.status,
      success: finished && record.status !== 'Failed',
    };
  }

  private async retrieve(request: ReturnType<typeof childNamed>): Promise<XmlObject> {
    const { org, ids, user, now, faults, pollsBeforeDone } = this.settings;
    const outcome = await retrieve(org, request, user, now);
    const id = ids.next('RetrieveRequest');
    this.retrieveJobs.set(id, { id, outcome, remaining: pollsBeforeDone + faults.takeSlowPolling() });
    return { done: false, id, state: 'Queued' };
  }

  private checkRetrieveStatus(id: string, includeZip: boolean): XmlObject {
    const job = this.retrieveJobs.get(id);
    if (!job) throw unknownId();
    if (job.remaining > 0) {
      job.remaining -= 1;
      return { done: false, id, status: 'InProgress', success: false };
    }
    return {
      done: true,
      fileProperties: job.outcome.fileProperties,
      id,
      messages: job.outcome.messages,
      status: 'Succeeded',
      success: true,
      zipFile: includeZip ? job.outcome.zipFile.toString('base64') : undefined,
    };
  }
}
