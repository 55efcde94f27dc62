import { Org, type Connection } from '@salesforce/core';

export type TargetOrg = {
  /** As the user named it: an alias or a username. */
  readonly name: string;
  readonly username: string;
  /** Neither a sandbox nor a scratch org. */
  readonly production: boolean;
  readonly connection: Connection;
};

/**
 * Neither a sandbox nor a scratch org: from the auth file when it knows both, else from the org's Organization record
 * (which the auth file then keeps). An org that cannot tell counts as production, so that the deploy asks first.
 */
async function isProduction(org: Org): Promise<boolean> {
  const known = [org.getField(Org.Fields.IS_SANDBOX), org.getField(Org.Fields.IS_SCRATCH)];
  if (known.includes(true)) return false;
  if (known.every((x) => x === false)) return true;
  const fresh = await org.updateLocalInformation();
  return !(fresh?.[Org.Fields.IS_SANDBOX] === true || fresh?.[Org.Fields.IS_SCRATCH] === true);
}

/** An authorized org, by alias or username, with a connection at `apiVersion` (or the highest the org offers). */
export async function openOrg(name: string, apiVersion?: string): Promise<TargetOrg> {
  const org = await Org.create({ aliasOrUsername: name });
  return { name, username: org.getUsername() ?? name, production: await isProduction(org), connection: org.getConnection(apiVersion) };
}
