import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { DeployResult, FileResponse, MetadataApiDeploy, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import { isTransient, Retrier, wasNotDelivered } from './retry.js';
import { loadSdr } from './sdr.js';

export type TestLevel = 'NoTestRun' | 'RunSpecifiedTests' | 'RunLocalTests' | 'RunAllTestsInOrg';

export type DeployRequest = {
  /** Source files to deploy (both files of an Apex class). */
  readonly files: readonly string[];
  /** The package.xml version: the project's source API version. */
  readonly sourceApiVersion: string;
  readonly checkOnly: boolean;
  readonly testLevel: TestLevel;
  /** Test classes for RunSpecifiedTests. */
  readonly runTests: readonly string[];
  /** How long to poll before leaving the deploy to finish on its own. */
  readonly wait: Duration;
  readonly pollEvery?: Duration;
  /** Transient failures (HTTP 5xx, dropped connections) tolerated in all before the deploy is reported as failed. */
  readonly retries?: number;
  readonly backoff?: Duration;
};

export type DeployProgress = {
  readonly status: string;
  readonly componentsDone: number;
  readonly componentsTotal: number;
  readonly testsDone: number;
  readonly testsTotal: number;
};

export type DeployOutcome =
  | { readonly kind: 'finished'; readonly id: string; readonly response: MetadataApiDeployStatus; readonly files: readonly FileResponse[]; readonly retries: number }
  | { readonly kind: 'timedOut'; readonly id: string; readonly retries: number }
  /**
   * `unsure`: the request that starts the deploy failed after it may have reached the org (a dropped connection, a
   * server error), so the deploy may be running there without an id to follow.
   */
  | { readonly kind: 'error'; readonly id?: string; readonly error: Error; readonly retries: number; readonly unsure?: boolean };

/**
 * Deploys (or validates, with checkOnly) the files to one org through source-deploy-retrieve and polls until the
 * org is done or `wait` runs out. Polls that fail transiently are retried with exponential backoff, re-attaching to
 * the same deploy by id; the request that starts the deploy is sent again only when it cannot have reached the org,
 * so that an org never receives the same deploy twice. Only errors that persist are returned. Never throws.
 */
export async function deployToOrg(connection: Connection, request: DeployRequest, onProgress: (p: DeployProgress) => void): Promise<DeployOutcome> {
  const deadline = Date.now() + request.wait.milliseconds;
  const retrier = new Retrier({ retries: request.retries ?? 5, backoff: request.backoff ?? Duration.seconds(1), deadline });
  let id: string | undefined;
  let started = false;
  try {
    const { ComponentSet, MetadataApiDeploy } = loadSdr();
    const components = ComponentSet.fromSource({ fsPaths: [...request.files] });
    components.sourceApiVersion = request.sourceApiVersion;
    components.apiVersion = connection.getApiVersion();
    const apiOptions = {
      checkOnly: request.checkOnly,
      rollbackOnError: true,
      testLevel: request.testLevel,
      ...(request.testLevel === 'RunSpecifiedTests' ? { runTests: [...request.runTests] } : {}),
    };
    started = true;
    id = await retrier.run(async () => (await new MetadataApiDeploy({ usernameOrConnection: connection, components, apiOptions }).start()).id, wasNotDelivered);
    const jobId = id;
    const poll = async (): Promise<DeployResult> => {
      const job: MetadataApiDeploy = new MetadataApiDeploy({ usernameOrConnection: connection, components, id: jobId });
      job.onUpdate((s) => onProgress(progressOf(s)));
      return job.pollStatus({ frequency: request.pollEvery ?? Duration.seconds(2), timeout: retrier.remaining });
    };
    const result = await retrier.run(poll);
    onProgress(progressOf(result.response));
    return { kind: 'finished', id, response: result.response, files: result.getFileResponses(), retries: retrier.retries };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    if (id && /timed out|PollingClientTimeout/i.test(`${error.name} ${error.message}`)) return { kind: 'timedOut', id, retries: retrier.retries };
    const unsure = started && !id && !wasNotDelivered(error) && isTransient(error);
    return { kind: 'error', ...(id ? { id } : {}), error, retries: retrier.retries, ...(unsure ? { unsure } : {}) };
  }
}

const progressOf = (s: MetadataApiDeployStatus): DeployProgress => ({
  status: s.status,
  componentsDone: Number(s.numberComponentsDeployed ?? 0) + Number(s.numberComponentErrors ?? 0),
  componentsTotal: Number(s.numberComponentsTotal ?? 0),
  testsDone: Number(s.numberTestsCompleted ?? 0) + Number(s.numberTestErrors ?? 0),
  testsTotal: Number(s.numberTestsTotal ?? 0),
});
