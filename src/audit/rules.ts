import type { ControlId } from '../controls/catalog.js';
import type { RuleInfo } from '../report/finding.js';

/** Every audit rule protects one control. */
type AuditRule = RuleInfo & { readonly control: ControlId; readonly kind: 'metadata' | 'apex' };

/** Why the retention operator of the profile may hold View All, Modify All and read of the date on the objects it purges. */
export const RETENTION_OPERATOR_JUSTIFICATION = 'the Batch Apex retention purge finds and deletes every expired record in user mode; assign this permission set only to the user that schedules it';

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
  { id: 'apex-class-without-sharing', kind: 'apex', severity: 'high', control: 'access.record-sharing', title: 'Apex touching PHI without sharing', why: 'A class declared without sharing, or with no sharing keyword, reads and writes PHI records the running user may not see.', fix: 'Declare the class with sharing (or inherited sharing).' },
  { id: 'apex-query-without-user-mode', kind: 'apex', severity: 'high', control: 'access.minimum-necessary', title: 'PHI query or DML in system mode', why: 'SOQL or DML on PHI objects ignores field-level security and object permissions unless it runs in user mode.', fix: 'Add WITH USER_MODE to the query, use insert as user / AccessLevel.USER_MODE, or Security.stripInaccessible.' },
  { id: 'apex-debug-phi', kind: 'apex', severity: 'high', control: 'logging.phi-safe', title: 'PHI written to the debug log', why: 'Debug logs are readable by admins and support tools and are kept outside the PHI controls.', fix: 'Log identifiers or counts only, through a logger that masks PHI fields.' },
  { id: 'apex-exception-to-user', kind: 'apex', severity: 'medium', control: 'logging.phi-safe', title: 'Exception text shown to users', why: 'Exception messages can carry record values and internals into the user interface.', fix: 'Show a fixed message; log the exception without PHI.' },
  { id: 'apex-http-callout', kind: 'apex', severity: 'high', control: 'transmission.named-credentials', title: 'Callout to a plain-HTTP endpoint', why: 'Data sent over http:// travels unencrypted.', fix: 'Call an https:// Named Credential (callout:Name/path).' },
  { id: 'apex-filter-probabilistic', kind: 'apex', severity: 'medium', control: 'encryption.at-rest', title: 'Filter on a probabilistically encrypted PHI field', why: 'Shield cannot compare probabilistically encrypted values: the query fails or the code is tempted to drop encryption.', fix: 'Filter on another field, or encrypt this field deterministically in the profile if it must be filtered.' },
] as const satisfies readonly AuditRule[];

export type AuditRuleId = (typeof AUDIT_RULES)[number]['id'];

export const ruleInfo = (id: AuditRuleId): AuditRule => AUDIT_RULES.find((r) => r.id === id) as AuditRule;
