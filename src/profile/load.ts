import { readFile } from 'node:fs/promises';
import { buildAdmin } from './admin.js';
import { buildMfa, buildPassword, buildSession } from './authentication.js';
import type { ProjectFacts } from './context.js';
import { RuleContext } from './context.js';
import { buildIntegrations } from './integrations.js';
import type { KeyPath, ProfileIssue } from './issues.js';
import { byPosition, formatKeyPath } from './issues.js';
import { say } from './messages.js';
import type { Profile } from './model.js';
import { buildMonitoring } from './monitoring.js';
import { checkIdentifier } from './names.js';
import { buildCategories, buildObjects } from './phi.js';
import type { RawProfile } from './raw.js';
import { buildAuditExceptions } from './auditExceptions.js';
import { buildRoles } from './roles.js';
import { checkShape } from './shape.js';
import { parseProfileText, type ProfileSource } from './source.js';
import { DEFAULT_API_VERSION, MAX_KNOWN_API_VERSION, MIN_API_VERSION } from './vocabulary.js';

export type LoadResult =
  | { readonly valid: true; readonly profile: Profile; readonly warnings: readonly ProfileIssue[] }
  | { readonly valid: false; readonly errors: readonly ProfileIssue[]; readonly warnings: readonly ProfileIssue[] };

const PREFIX_MAX = 10;

/**
 * Profile text → validated, immutable `Profile`, or every problem at once. Pure: the caller reads the file and
 * supplies what the project knows (field types, sourceApiVersion).
 */
export function loadProfileText(file: string, text: string, project: ProjectFacts = {}): LoadResult {
  const source = parseProfileText(file, text);
  if (source.syntaxIssues.length > 0) return { valid: false, errors: source.syntaxIssues, warnings: [] };

  const shapeIssues = checkShape(source);
  const ctx = new RuleContext(source, project);
  // Sections whose shape is wrong are not checked further; sections that depend on them are skipped too.
  const broken = new Set(shapeIssues.map((i) => i.keyPath.split(/[.[]/)[0]));
  const profile = broken.has('') ? undefined : buildProfile(file, source.data as RawProfile, broken, ctx);
  if (profile) warnUnusedJustifications(source, ctx);

  const all = [...shapeIssues, ...ctx.issues].sort(byPosition);
  const errors = all.filter((i) => i.severity === 'error');
  const warnings = all.filter((i) => i.severity === 'warning');
  if (errors.length > 0 || !profile) return { valid: false, errors, warnings };
  return { valid: true, profile: deepFreeze(profile), warnings };
}

/** Reads and loads a profile file; a missing or unreadable file is an issue, not an exception. */
export async function loadProfile(file: string, project: ProjectFacts = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? say('file.notFound') : say('file.unreadable', [(e as Error).message]);
    return {
      valid: false,
      errors: [{ severity: 'error', file, line: 0, column: 0, keyPath: '', message, legal: say('file.unreadable.legal') }],
      warnings: [],
    };
  }
  return loadProfileText(file, text, project);
}

function buildProfile(file: string, raw: RawProfile, broken: ReadonlySet<string>, ctx: RuleContext): Profile | undefined {
  /** Builds a part only when the sections it reads passed the schema. */
  const when = <T>(sections: string[], build: () => T | undefined): T | undefined => (sections.some((s) => broken.has(s)) ? undefined : build());
  const prefix = raw.prefix ?? 'HIPAA';
  when(['prefix'], () => checkPrefix(prefix, ctx));
  const apiVersion = raw.apiVersion ?? ctx.project.sourceApiVersion ?? DEFAULT_API_VERSION;
  when(['apiVersion'], () => checkApiVersion(apiVersion, raw.apiVersion !== undefined, ctx));

  const encryption = {
    defaultScheme: raw.encryption?.defaultScheme ?? 'probabilistic',
    fieldHistory: raw.encryption?.fieldHistory ?? true,
    requireKeyManagerForPolicy: raw.encryption?.requireKeyManagerForPolicy ?? true,
  } as const;
  const session = when(['session'], () => buildSession(raw.session, ctx));
  const password = when(['password'], () => buildPassword(raw.password, ctx));
  const mfa = when(['mfa'], () => buildMfa(raw.mfa, ctx));
  const categories = when(['phi'], () => buildCategories(raw.phi, ctx));
  const objects = when(['encryption'], () => categories && buildObjects(raw.phi, categories, { scheme: encryption.defaultScheme, prefix }, ctx));
  const admin = when(['admin', 'roles'], () => buildAdmin(raw.admin, Object.keys(raw.roles), ctx));
  const roles = when(['roles'], () => objects && admin && mfa && buildRoles(raw.roles, { prefix, objects, mfaRequired: mfa.required, admin }, ctx));
  const monitoring = when(['monitoring'], () => roles && buildMonitoring(raw.monitoring, roles, prefix, ctx));
  const integrations = when(['integrations'], () => buildIntegrations(raw.integrations, session?.timeoutMinutes ?? 15, ctx));

  const built = allBuilt({ session, password, mfa, categories, objects, admin, roles, monitoring, integrations });
  if (!built) return undefined;
  const deterministicUsed = built.objects.some((o) => o.fields.some((f) => f.encrypt.startsWith('deterministic')));
  return {
    file,
    version: 1,
    organization: raw.organization,
    prefix,
    apiVersion,
    ...built,
    encryption: { ...encryption, deterministicUsed },
    auditExceptions: when(['audit'], () => buildAuditExceptions(raw.audit, ctx)) ?? [],
    relaxations: ctx.relaxations,
  };
}

/** The parts, typed as present, when every one of them could be built. */
function allBuilt<T extends Record<string, unknown>>(parts: T): { [K in keyof T]: NonNullable<T[K]> } | undefined {
  return Object.values(parts).every((part) => part !== undefined) ? (parts as { [K in keyof T]: NonNullable<T[K]> }) : undefined;
}

function checkPrefix(prefix: string, ctx: RuleContext): void {
  const problem = checkIdentifier(prefix, PREFIX_MAX, 'prefix');
  if (problem) ctx.error(['prefix'], problem);
}

function checkApiVersion(apiVersion: string, fromProfile: boolean, ctx: RuleContext): void {
  const major = Number(apiVersion.split('.')[0]);
  const origin = fromProfile ? '' : ` ${say('apiVersion.fromProject')}`;
  if (!/^[0-9]{2}\.0$/.test(apiVersion) || major < MIN_API_VERSION) {
    ctx.error(['apiVersion'], { key: 'apiVersion.tooOld', tokens: [apiVersion, origin], legal: [MIN_API_VERSION] });
  } else if (major > MAX_KNOWN_API_VERSION) {
    ctx.warn(['apiVersion'], { key: 'apiVersion.newer', tokens: [apiVersion, origin, MAX_KNOWN_API_VERSION] });
  }
}

/** A justification beside nothing that is relaxed is likely misplaced: say so. */
function warnUnusedJustifications(source: ProfileSource, ctx: RuleContext): void {
  const walk = (node: unknown, path: KeyPath): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'justification' && !ctx.usedJustifications.has(formatKeyPath(path))) {
          ctx.warn([...path, k], { key: 'justification.unused', legal: [] });
        } else walk(v, [...path, k]);
      }
    }
  };
  walk(source.data, []);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
