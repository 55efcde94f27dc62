import { Org, type Connection } from '@salesforce/core';

export type TargetOrg = {
  /** As the user named it: an alias or a username. */
  readonly name: string;
  readonly username: string;
  /** Neither a sandbox nor a scratch org. */
  readonly production: boolean;
  readonly connection: Connection;
};

/** An authorized org, by alias or username, with a connection at `apiVersion` (or the highest the org offers). */
export async function openOrg(name: string, apiVersion?: string): Promise<TargetOrg> {
  const org = await Org.create({ aliasOrUsername: name });
  const connection = org.getConnection(apiVersion);
  // The Organization query behind determineIfSandbox is answered from the auth file once it has been made.
  const [sandbox, scratch] = await Promise.all([org.determineIfSandbox(), Promise.resolve(org.isScratch())]);
  return { name, username: org.getUsername() ?? name, production: !sandbox && !scratch, connection };
}
