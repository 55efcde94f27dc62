import type { ControlId } from '../controls/catalog.js';
import { AUDIT_RULES } from '../audit/rules.js';
import type { RuleInfo, Severity } from '../report/finding.js';

export type DiffKind = 'missing' | 'drift' | 'excess';
export const DIFF_KINDS: readonly DiffKind[] = ['missing', 'drift', 'excess'];

/**
 * What each compared element protects: one row per element family, first match wins. Elements no row names take
 * the first control of their component, at medium severity.
 */
export const ELEMENT_CONTROLS: ReadonlyArray<{ readonly types: readonly string[]; readonly element: RegExp; readonly control: ControlId; readonly severity: Severity }> = [
  { types: ['CustomField'], element: /^encryptionScheme$/, control: 'encryption.at-rest', severity: 'high' },
  { types: ['CustomField', 'CustomObject'], element: /^(trackHistory|enableHistory|historyRetentionPolicy)\b/, control: 'audit.field-history', severity: 'medium' },
  { types: ['CustomField'], element: /^(securityClassification|complianceGroup)$/, control: 'data.classification', severity: 'low' },
  { types: ['CustomObject'], element: /^(sharingModel|externalSharingModel)$/, control: 'access.record-sharing', severity: 'high' },
  { types: ['PermissionSet'], element: /^userPermissions\[ForceTwoFactor\]/, control: 'auth.mfa', severity: 'high' },
  { types: ['PermissionSet'], element: /^hasActivationRequired$/, control: 'access.emergency', severity: 'high' },
  { types: ['PermissionSet', 'PermissionSetGroup'], element: /^(fieldPermissions|objectPermissions|userPermissions|permissionSets)\b/, control: 'access.minimum-necessary', severity: 'high' },
  { types: ['Settings'], element: /^sessionSettings\.(sessionTimeout|forceLogoutOnSessionTimeout)/, control: 'auth.automatic-logoff', severity: 'high' },
  { types: ['Settings'], element: /^sessionSettings\.enableMFA/, control: 'auth.mfa', severity: 'high' },
  { types: ['Settings'], element: /^sessionSettings\./, control: 'auth.automatic-logoff', severity: 'medium' },
  { types: ['Settings'], element: /^passwordPolicies\./, control: 'auth.password-policy', severity: 'medium' },
  { types: ['TransactionSecurityPolicy'], element: /^(active|action|apexClass|eventName)\b/, control: 'audit.transaction-policies', severity: 'high' },
  { types: ['Flow'], element: /^(status|start)\b/, control: 'disposal.retention', severity: 'high' },
];

/**
 * Lists a baseline component holds in full: the deploy replaces the whole file, so an entry the target adds that
 * grants anything (an object the role has no access to, a user permission) is drift from the baseline too.
 */
export const CLOSED_LISTS: Readonly<Record<string, readonly string[]>> = {
  PermissionSet: ['fieldPermissions', 'objectPermissions', 'userPermissions'],
};

/** Elements that describe rather than protect: a difference there is not drift. */
export const DESCRIPTIVE = new Set(['description', 'label', 'masterLabel', 'pluralLabel', 'interviewLabel', 'locationX', 'locationY', 'inlineHelpText', 'defaultConnectorLabel']);

/** The rules of a diff report: the two comparisons, and the audit's rules about excess access. */
export const DIFF_RULES: readonly RuleInfo[] = [
  {
    id: 'baseline-missing',
    title: 'A baseline component or element is missing',
    severity: 'high',
    why: 'The profile requires it and the target does not have it, so the control it implements is not in place.',
    fix: 'Deploy the baseline again ("sf hipaa deploy"), or find out who removed it.',
  },
  {
    id: 'baseline-drift',
    title: 'A baseline element has another value',
    severity: 'high',
    why: 'Someone changed a setting the profile fixes, weakening or bypassing the control it implements.',
    fix: 'Deploy the baseline again, or change the profile if the new value is intended.',
  },
  ...AUDIT_RULES.filter((r) => ['perm-dangerous', 'perm-phi-ungranted', 'perm-view-all-phi-object'].includes(r.id)).map(({ id, title, severity, control, why, fix }) => ({ id, title, severity, control, why, fix })),
];

export const EXCESS_RULES = new Set(DIFF_RULES.slice(2).map((r) => r.id));
