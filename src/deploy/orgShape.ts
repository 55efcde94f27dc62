/**
 * What an org may lack that the baseline needs, recognised in the problem Salesforce reports for a component: one
 * row per missing feature. The message keys (`lacks.<id>` and `lacks.<id>.advice` in messages/hipaa.deploy.md) say
 * what is missing and how to proceed.
 */
export type OrgShapeRow = {
  readonly id: 'shield-encryption' | 'event-monitoring' | 'user-permission' | 'field' | 'object';
  /** Component types the row applies to; empty: any. */
  readonly types: readonly string[];
  /** Matched against the problem text; the first group, if any, names what is missing. */
  readonly problem: RegExp;
};

export const ORG_SHAPE: readonly OrgShapeRow[] = [
  { id: 'user-permission', types: ['PermissionSet', 'Profile', 'MutingPermissionSet'], problem: /unknown user permission:?\s*"?(\w+)/i },
  { id: 'shield-encryption', types: ['CustomField', 'CustomObject', 'Settings'], problem: /(?:platform )?encryption\b.*\b(?:licen[cs]|not enabled|isn't enabled|not available|isn't available|requires)/i },
  { id: 'event-monitoring', types: ['TransactionSecurityPolicy', 'Settings'], problem: /(?:event monitoring|transaction security|real-time event|shield)\b.*\b(?:licen[cs]|not enabled|isn't enabled|not available|isn't available|requires)/i },
  { id: 'field', types: [], problem: /no CustomField named ([\w.]+) found/i },
  { id: 'object', types: [], problem: /no CustomObject named (\w+) found/i },
];

export type OrgLack = { readonly id: OrgShapeRow['id']; readonly name?: string };

/** The feature a component failure shows the org lacks, if the problem is one of the known shapes. */
export function lackOf(type: string, problem: string): OrgLack | undefined {
  for (const row of ORG_SHAPE) {
    if (row.types.length > 0 && !row.types.includes(type)) continue;
    const m = row.problem.exec(problem);
    if (m) return { id: row.id, ...(m[1] ? { name: m[1] } : {}) };
  }
  return undefined;
}
