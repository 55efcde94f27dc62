import { XMLParser } from 'fast-xml-parser';
import type { SourceFile } from '../org/auditSource.js';
import type { Profile, Role } from '../profile/model.js';
import type { Finding } from '../report/finding.js';
import { batchPurgeNeeds } from '../baseline/retention.js';
import { retentionOperator } from '../profile/names.js';
import type { PhiInventory } from './inventory.js';
import { RETENTION_OPERATOR_JUSTIFICATION, ruleInfo, type AuditRuleId } from './rules.js';

/** What the metadata rules know besides the file at hand. */
export type MetadataAuditContext = {
  readonly inventory: PhiInventory;
  readonly profile?: Profile;
  /** Relative path of a file, as reports show it. */
  readonly display: (path: string) => string;
};

type Parsed = Record<string, unknown>;
type Check = (file: SourceFile, xml: Parsed, text: string, ctx: MetadataAuditContext) => Finding[];

// jPath off: the callbacks need only the tag name, and building every element's path string is most of a large parse.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, jPath: false, isArray: (name): boolean => ['fieldPermissions', 'objectPermissions', 'userPermissions', 'scopes'].includes(name) });

/** Permissions that reach every record or field whatever the sharing and field-level security. */
const DANGEROUS_PERMISSIONS = ['ViewAllData', 'ModifyAllData', 'ViewAllFields', 'ExportReport'];
const PRIVATE_SHARING = ['Private', 'ControlledByParent'];
const SAFE_TIMEOUT_MINUTES = 30;
const TIMEOUT_MINUTES: Readonly<Record<string, number>> = {
  FifteenMinutes: 15, ThirtyMinutes: 30, SixtyMinutes: 60, NinetyMinutes: 90, TwoHours: 120, FourHours: 240, EightHours: 480, TwelveHours: 720, TwentyFourHours: 1440,
};

const isTrue = (v: unknown): boolean => v === 'true';
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** 1-based line and column of the first occurrence of `needle` in `text` (the element a finding is about). */
export function locate(text: string, needle: string | undefined, file: string): { file: string; line: number; column: number } {
  const found = needle ? find(text, needle) : -1;
  // An element that is missing is reported at the root element, where it would go.
  const at = found >= 0 ? found : Math.max(0, text.search(/<[A-Za-z]/));
  const starts = lineStarts(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= at) low = mid;
    else high = mid - 1;
  }
  return { file, line: low + 1, column: at - starts[low] + 1 };
}

/**
 * The last text located: where each of its lines starts, and where the last needle was found. A large file yields
 * many findings in a row, in document order, so the next needle is looked for after the last one first.
 */
let last: { text: string; starts: number[]; at: number } | undefined;
function lineStarts(text: string): number[] {
  if (last?.text !== text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    last = { text, starts, at: 0 };
  }
  return last.starts;
}

/** `needle` at or after the previous match in the same text, else its first occurrence. Needles name unique elements. */
function find(text: string, needle: string): number {
  lineStarts(text);
  const state = last as { at: number };
  const after = text.indexOf(needle, state.at);
  const found = after >= 0 ? after : text.indexOf(needle);
  if (found >= 0) state.at = found;
  return found;
}

/** A grant that should not be there: the element is `false` where the finding says, and is `true`. */
const GRANTED = { expected: 'false', actual: 'true' } as const;

function finding(rule: AuditRuleId, file: SourceFile, text: string, ctx: MetadataAuditContext, message: string, needle?: string, element?: string, values?: typeof GRANTED): Finding {
  const info = ruleInfo(rule);
  return {
    ruleId: rule,
    severity: info.severity,
    control: info.control,
    message,
    component: { type: file.type, fullName: file.fullName },
    ...(element ? { element } : {}),
    ...values,
    location: locate(text, needle, ctx.display(file.xml)),
  };
}

const customField: Check = (file, xml, text, ctx) => {
  if (!ctx.inventory.fields.has(file.fullName)) return [];
  const f = (xml.CustomField ?? {}) as Parsed;
  const model = ctx.profile?.objects.flatMap((o) => o.fields).find((x) => x.fullName === file.fullName);
  const out: Finding[] = [];
  // A relaxation the profile justifies is not reported here; the profile reports it with its justification.
  if ((f.encryptionScheme === undefined || f.encryptionScheme === 'None') && model?.encrypt !== 'none') {
    out.push(finding('phi-field-unencrypted', file, text, ctx, `${file.fullName} holds PHI but has no encryption scheme`, '<encryptionScheme>', 'encryptionScheme'));
  }
  if (!isTrue(f.trackHistory) && model?.trackHistory !== false) {
    out.push(finding('phi-field-no-history', file, text, ctx, `${file.fullName} holds PHI but its history is not tracked`, '<trackHistory>', 'trackHistory'));
  }
  return out;
};

const customObject: Check = (file, xml, text, ctx) => {
  if (!ctx.inventory.objects.has(file.fullName)) return [];
  const o = (xml.CustomObject ?? {}) as Parsed;
  const model = ctx.profile?.objects.find((x) => x.name === file.fullName);
  const out: Finding[] = [];
  if (!isTrue(o.enableHistory) && model?.history.track !== false) {
    out.push(finding('phi-object-no-history', file, text, ctx, `${file.fullName} holds PHI but its history is off`, '<enableHistory>', 'enableHistory'));
  }
  for (const key of ['sharingModel', 'externalSharingModel']) {
    const value = o[key];
    if (typeof value === 'string' && !PRIVATE_SHARING.includes(value)) {
      out.push(finding('phi-object-sharing', file, text, ctx, `${file.fullName} holds PHI but its ${key} is ${value}`, `<${key}>`, key));
    }
  }
  return out;
};

type Holder = { file: SourceFile; root: Parsed; text: string; ctx: MetadataAuditContext; role?: Role };

function dangerousPermissions({ file, root, text, ctx, role }: Holder): Finding[] {
  const out: Finding[] = [];
  for (const p of asArray(root.userPermissions as Parsed[])) {
    const name = String(p.name);
    if (!isTrue(p.enabled) || !(ctx.profile?.admin.forbiddenUserPermissions ?? DANGEROUS_PERMISSIONS).includes(name)) continue;
    const allowed = role && ctx.profile?.admin.allow.find((a) => a.permission === name && (a.roles.length === 0 || a.roles.includes(role.name)));
    const f = finding('perm-dangerous', file, text, ctx, `${file.type} ${file.fullName} grants ${name}`, `<name>${name}</name>`, `userPermissions[${name}].enabled`, GRANTED);
    out.push(allowed ? { ...f, suppression: { by: 'profile', justification: allowed.justification } } : f);
  }
  return out;
}

/** The baseline's own retention operator needs View All, Modify All and its date fields to purge in user mode. */
const operatorNeeds = (file: SourceFile, ctx: MetadataAuditContext): ReturnType<typeof batchPurgeNeeds> =>
  ctx.profile && file.type === 'PermissionSet' && file.fullName === retentionOperator(ctx.profile.prefix) ? batchPurgeNeeds(ctx.profile) : { objects: [], dateFields: [] };

function viewAllOnPhiObjects({ file, root, text, ctx }: Holder): Finding[] {
  const out: Finding[] = [];
  const purged = new Set(operatorNeeds(file, ctx).objects);
  for (const p of asArray(root.objectPermissions as Parsed[])) {
    const object = String(p.object);
    if (!ctx.inventory.objects.has(object)) continue;
    for (const key of ['viewAllRecords', 'modifyAllRecords']) {
      if (!isTrue(p[key])) continue;
      const f = finding('perm-view-all-phi-object', file, text, ctx, `${file.type} ${file.fullName} has ${key} on PHI object ${object}`, `<object>${object}</object>`, `objectPermissions[${object}].${key}`, GRANTED);
      out.push(purged.has(object) ? { ...f, suppression: { by: 'profile', justification: RETENTION_OPERATOR_JUSTIFICATION } } : f);
    }
  }
  return out;
}

/** Forbidden user permissions a permission set or profile enables, from its already parsed `userPermissions`. */
export function forbiddenGrants(file: SourceFile, text: string, userPermissions: ReadonlyArray<{ name?: string; enabled?: string }>, ctx: MetadataAuditContext): Finding[] {
  return dangerousPermissions({ file, root: { userPermissions: [...userPermissions] }, text, ctx, role: ctx.profile?.roles.find((r) => r.permissionSet === file.fullName) });
}

/** Only the profile knows which roles may read which PHI fields. */
function ungrantedPhiAccess({ file, root, text, ctx, role }: Holder): Finding[] {
  if (!ctx.profile) return [];
  const out: Finding[] = [];
  const dateFields = new Set(operatorNeeds(file, ctx).dateFields);
  for (const p of asArray(root.fieldPermissions as Parsed[])) {
    const field = String(p.field);
    if (!ctx.inventory.fields.has(field)) continue;
    const grant = role?.objects.find((o) => o.object === field.split('.')[0]);
    const readOk = !isTrue(p.readable) || (grant?.read.includes(field) ?? false);
    const editOk = !isTrue(p.editable) || (grant?.edit.includes(field) ?? false);
    if (readOk && editOk) continue;
    const what = isTrue(p.editable) && !editOk ? 'edit' : 'read';
    const element = `fieldPermissions[${field}].${what === 'edit' ? 'editable' : 'readable'}`;
    const f = finding('perm-phi-ungranted', file, text, ctx, `${file.type} ${file.fullName} can ${what} PHI field ${field}, which no role of the profile grants it`, `<field>${field}</field>`, element, GRANTED);
    out.push(what === 'read' && dateFields.has(field) ? { ...f, suppression: { by: 'profile', justification: RETENTION_OPERATOR_JUSTIFICATION } } : f);
  }
  return out;
}

/** Permission sets and profiles share the permission elements. */
const permissions: Check = (file, xml, text, ctx) => {
  const holder: Holder = { file, root: (xml.PermissionSet ?? xml.Profile ?? {}) as Parsed, text, ctx, role: ctx.profile?.roles.find((r) => r.permissionSet === file.fullName) };
  return [...dangerousPermissions(holder), ...viewAllOnPhiObjects(holder), ...ungrantedPhiAccess(holder)];
};

const remoteSite: Check = (file, xml, text, ctx) => {
  const r = (xml.RemoteSiteSetting ?? {}) as Parsed;
  const out: Finding[] = [];
  if (typeof r.url === 'string' && r.url.toLowerCase().startsWith('http://')) out.push(finding('remote-site-insecure', file, text, ctx, `remote site ${file.fullName} is plain HTTP (${r.url})`, '<url>', 'url'));
  if (isTrue(r.disableProtocolSecurity)) out.push(finding('remote-site-insecure', file, text, ctx, `remote site ${file.fullName} has protocol security disabled`, '<disableProtocolSecurity>', 'disableProtocolSecurity'));
  return out;
};

const connectedApp: Check = (file, xml, text, ctx) => {
  const app = (xml.ConnectedApp ?? {}) as Parsed;
  const oauth = (app.oauthConfig ?? {}) as Parsed;
  const scopes = asArray(oauth.scopes as string[]).map(String);
  const out: Finding[] = [];
  if (scopes.includes('Full')) out.push(finding('connected-app-full-scope', file, text, ctx, `connected app ${file.fullName} has the Full scope`, '<scopes>Full</scopes>', 'oauthConfig.scopes'));
  const refresh = String(((app.oauthPolicy ?? {}) as Parsed).refreshTokenPolicy ?? 'infinite');
  if ((scopes.includes('RefreshToken') || scopes.includes('OfflineAccess')) && refresh === 'infinite') {
    out.push(finding('connected-app-eternal-refresh', file, text, ctx, `connected app ${file.fullName} issues refresh tokens that never expire`, '<refreshTokenPolicy>', 'oauthPolicy.refreshTokenPolicy'));
  }
  return out;
};

const securitySettings: Check = (file, xml, text, ctx) => {
  if (file.fullName !== 'Security') return [];
  const session = (((xml.SecuritySettings ?? {}) as Parsed).sessionSettings ?? {}) as Parsed;
  const limit = ctx.profile?.session.timeoutMinutes ?? SAFE_TIMEOUT_MINUTES;
  const minutes = TIMEOUT_MINUTES[String(session.sessionTimeout)];
  return minutes !== undefined && minutes > limit
    ? [finding('session-timeout-too-long', file, text, ctx, `sessions time out after ${minutes} minutes; the limit is ${limit}`, '<sessionTimeout>', 'sessionSettings.sessionTimeout')]
    : [];
};

/** MFA for UI logins, org-wide (Security settings) or through a permission set or profile. */
function requiresMfa(xml: Parsed): boolean {
  const session = (((xml.SecuritySettings ?? {}) as Parsed).sessionSettings ?? {}) as Parsed;
  const holder = (xml.PermissionSet ?? xml.Profile ?? {}) as Parsed;
  return isTrue(session.enableMFADirectUILoginOptIn) || asArray(holder.userPermissions as Parsed[]).some((p) => p.name === 'ForceTwoFactor' && isTrue(p.enabled));
}

/** One row per metadata type: the checks that apply to its files. */
const CHECKS: Readonly<Record<string, Check>> = {
  CustomField: customField,
  CustomObject: customObject,
  PermissionSet: permissions,
  Profile: permissions,
  RemoteSiteSetting: remoteSite,
  ConnectedApp: connectedApp,
  Settings: securitySettings,
};

/** Runs the metadata rules over the project's files (read with `read`), then the rules about the project as a whole. */
export function auditMetadata(files: readonly SourceFile[], read: (path: string) => string, ctx: MetadataAuditContext): Finding[] {
  const findings: Finding[] = [];
  let mfaSomewhere = false;
  for (const file of files) {
    const check = CHECKS[file.type];
    if (!check) continue;
    const text = read(file.xml);
    const xml = parser.parse(text) as Parsed;
    findings.push(...check(file, xml, text, ctx));
    mfaSomewhere ||= requiresMfa(xml);
  }
  if (!mfaSomewhere && (ctx.profile?.mfa.required ?? true)) {
    const info = ruleInfo('mfa-not-required');
    findings.push({ ruleId: info.id, severity: info.severity, control: info.control, message: 'no Security setting or permission set in the project requires MFA for user-interface logins' });
  }
  for (const o of ctx.profile?.objects ?? []) {
    if (o.retention) continue;
    const info = ruleInfo('phi-object-no-retention');
    findings.push({ ruleId: info.id, severity: info.severity, control: info.control, message: `${o.name} holds PHI but the profile sets no retention for it`, component: { type: 'CustomObject', fullName: o.name } });
  }
  return findings;
}
