import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { MetadataApiRetrieve } from '@salesforce/source-deploy-retrieve';
import { Retrier } from './retry.js';
import { loadSdr, resolveSource, type SdrComponent } from './sdr.js';

export type RetrieveRequest = {
  /** Components by type and name. */
  readonly members: ReadonlyArray<{ readonly type: string; readonly fullName: string }>;
  /** Types retrieved whole (`*`), such as every permission set of the org. */
  readonly everyOf: readonly string[];
  readonly sourceApiVersion: string;
  readonly wait: Duration;
  readonly pollEvery?: Duration;
};

export type Retrieved = {
  /** The temporary directory the org's source was written to. */
  readonly dir: string;
  readonly components: readonly SdrComponent[];
  /** Members the org does not have, as it reported them. */
  readonly messages: readonly string[];
};

/**
 * Retrieves the members from an org into a new temporary directory, in source format, through
 * source-deploy-retrieve; transient errors while polling are retried. Throws what persists, or a retrieve the org
 * did not complete, and then leaves no directory behind.
 */
export async function retrieveFromOrg(connection: Connection, request: RetrieveRequest): Promise<Retrieved> {
  const { ComponentSet, MetadataApiRetrieve: Retrieve, RequestStatus } = loadSdr();
  const set = new ComponentSet([...request.members, ...request.everyOf.map((type) => ({ type, fullName: '*' }))]);
  set.sourceApiVersion = request.sourceApiVersion;
  set.apiVersion = connection.getApiVersion();
  const dir = mkdtempSync(join(tmpdir(), 'sf-hipaa-diff-'));
  try {
    const retrier = new Retrier({ retries: 5, backoff: request.pollEvery ?? Duration.seconds(1), deadline: Date.now() + request.wait.milliseconds });
    const options = { usernameOrConnection: connection, output: dir, merge: false } as const;
    // A retrieve changes nothing in the org, so its start may be sent again.
    const { id } = await retrier.run(async () => new Retrieve({ ...options, components: set }).start());
    const poll = async (): Promise<Awaited<ReturnType<MetadataApiRetrieve['pollStatus']>>> =>
      new Retrieve({ ...options, components: set, id }).pollStatus({ frequency: request.pollEvery ?? Duration.seconds(2), timeout: retrier.remaining });
    const { response } = await retrier.run(poll);
    const messages = [response.messages ?? []].flat().map((m) => m.problem);
    if (response.status !== RequestStatus.Succeeded) throw new Error(`the retrieve ${id} ended ${response.status}${messages.length ? `: ${messages.join('; ')}` : ''}`);
    return { dir, components: resolveSource([dir]), messages };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
