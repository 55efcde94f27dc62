import type { RuleInfo } from '../report/finding.js';

/**
 * The audit's rule catalog: one row per failure pattern of the field report, with what it catches, why it matters
 * and how to fix it. Metadata rules read the project's XML; Apex rules read the syntax tree of classes and triggers.
 */
export const AUDIT_RULES = [
  { id: 'phi-field-unencrypted', kind: 'metadata', severity: 'high', control: 'encryption.at-rest', title: 'PHI field not encrypted', why: 'A PHI field without a Shield encryption scheme is stored in clear text at rest.', fix: 'Set encryptionScheme on the field (sf hipaa generate does it for every PHI field of the profile).' },
  { id: 'phi-field-no-history', kind: 'metadata', severity: 'medium', control: 'audit.field-history', title: 'PHI field without history tracking', why: 'Changes to the field leave no audit trail.', fix: 'Set trackHistory to true and enableHistory on its object.' },
  { id: 'phi-object-no-history', kind: 'metadata', severity: 'medium', control: 'audit.field-history', title: 'PHI object without history', why: 'Field history cannot be tracked on an object whose history is off.', fix: 'Set enableHistory to true on the object.' },
  { id: 'phi-object-sharing', kind: 'metadata', severity: 'high', control: 'access.record-sharing', title: 'PHI object shared wider than Private', why: 'Every user of the org can see or change records holding PHI, whatever their role.', fix: 'Set sharingModel and externalSharingModel to Private and grant record access through roles or sharing rules.' },
  { id: 'perm-dangerous', kind: 'metadata', severity: 'critical', control: 'access.privileged-permissions', title: 'Permission that bypasses data security', why: 'View All Data, Modify All Data, View All Fields and Export Reports reach every PHI record and field.', fix: 'Remove the permission; grant exactly the objects and fields a role needs.' },
  { id: 'perm-phi-ungranted', kind: 'metadata', severity: 'high', control: 'access.minimum-necessary', title: 'PHI field access no role of the profile grants', why: 'A permission set or profile reads or edits a PHI field outside the minimum-necessary roles.', fix: 'Remove the field permission, or add the access to a role of the compliance profile.' },
  { id: 'perm-view-all-phi-object', kind: 'metadata', severity: 'critical', control: 'access.minimum-necessary', title: 'View All or Modify All records on a PHI object', why: 'The holder sees or changes every record of the object regardless of sharing.', fix: 'Set viewAllRecords and modifyAllRecords to false on PHI objects.' },
  { id: 'remote-site-insecure', kind: 'metadata', severity: 'high', control: 'transmission.named-credentials', title: 'Remote site over plain HTTP or with protocol security off', why: 'Data sent to the site can travel unencrypted.', fix: 'Use an https:// Named Credential instead of the Remote Site Setting, or at least https and protocol security.' },
  { id: 'connected-app-full-scope', kind: 'metadata', severity: 'high', control: 'transmission.oauth-scopes', title: 'Connected App with the full scope', why: 'The app can do anything its user can, far beyond what an integration needs.', fix: 'List only the scopes the integration uses (usually api), as an External Client App.' },
  { id: 'connected-app-eternal-refresh', kind: 'metadata', severity: 'medium', control: 'transmission.oauth-scopes', title: 'Refresh tokens that never expire', why: 'A stolen refresh token stays valid forever.', fix: 'Set a refresh token lifetime (specific_lifetime) or expire tokens on inactivity.' },
  { id: 'session-timeout-too-long', kind: 'metadata', severity: 'medium', control: 'auth.automatic-logoff', title: 'Session timeout longer than the profile allows', why: 'An unattended session stays open to whoever sits down at it.', fix: 'Lower sessionTimeout in Security settings to the profile value.' },
  { id: 'mfa-not-required', kind: 'metadata', severity: 'high', control: 'auth.mfa', title: 'MFA not required', why: 'A password alone protects access to PHI.', fix: 'Require MFA for UI logins (enableMFADirectUILoginOptIn, or ForceTwoFactor in every PHI role).' },
  { id: 'phi-object-no-retention', kind: 'metadata', severity: 'low', control: 'disposal.retention', title: 'PHI object without retention', why: 'Records holding PHI are kept forever; nothing destroys them when they are no longer needed.', fix: 'Add retention to the object in the compliance profile.' },
] as const satisfies ReadonlyArray<RuleInfo & { kind: 'metadata' | 'apex' }>;

export type AuditRuleId = (typeof AUDIT_RULES)[number]['id'];

export const ruleInfo = (id: AuditRuleId): RuleInfo => AUDIT_RULES.find((r) => r.id === id) as RuleInfo;
