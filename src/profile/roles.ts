import type { RuleContext } from './context.js';
import { legalValues } from './issues.js';
import type { AdminPolicy, PhiObject, Role, RoleObjectAccess } from './model.js';
import { checkComponentName, checkIdentifier } from './names.js';
import type { RawRole } from './raw.js';
import { USER_PERMISSIONS } from './userPermissions.js';
import type { ObjectAccess } from './vocabulary.js';

/** PermissionSet API names hold at most 80 characters. */
const PERMISSION_SET_MAX = 80;
const MFA_PERMISSION = 'ForceTwoFactor';

type RoleInputs = {
  readonly prefix: string;
  readonly objects: readonly PhiObject[];
  readonly mfaRequired: boolean;
  readonly admin: AdminPolicy;
};

/** `CareCoordinator` → `Care Coordinator` */
const labelFromName = (name: string): string => name.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2');

export function buildRoles(raw: Record<string, RawRole>, inputs: RoleInputs, ctx: RuleContext): Role[] {
  const names = Object.keys(raw).sort();
  checkIncludes(raw, ctx);
  return names.map((name) => buildRole(name, raw[name], inputs, ctx));
}

function buildRole(name: string, raw: RawRole, inputs: RoleInputs, ctx: RuleContext): Role {
  const path = ['roles', name];
  const permissionSet = `${inputs.prefix}_${name}`;
  const problem = checkIdentifier(name, PERMISSION_SET_MAX - inputs.prefix.length - 1, 'role name');
  if (problem) ctx.error(path, problem, 'key');

  const objects = Object.keys(raw.objects ?? {})
    .sort()
    .map((object) => buildObjectAccess(name, object, raw.objects![object], inputs.objects, ctx));

  const userPermissions = new Set<string>();
  for (const [i, permission] of (raw.userPermissions ?? []).entries()) {
    const at = [...path, 'userPermissions', i];
    if (!USER_PERMISSIONS.has(permission)) {
      ctx.error(at, { key: 'role.unknownPermission', tokens: [permission], legal: [legalValues(USER_PERMISSIONS, permission)] });
    } else if (inputs.admin.forbiddenUserPermissions.includes(permission)) {
      const allowed = inputs.admin.allow.some((a) => a.permission === permission && (a.roles.length === 0 || a.roles.includes(name)));
      if (!allowed) {
        ctx.error(at, { key: 'role.forbiddenPermission', tokens: [permission], legal: [] });
      }
    }
    userPermissions.add(permission);
  }
  if (inputs.mfaRequired) userPermissions.add(MFA_PERMISSION);

  return {
    name,
    permissionSet,
    label: raw.label ?? labelFromName(name),
    ...(raw.description ? { description: raw.description } : {}),
    emergency: raw.emergency ?? false,
    includes: [...(raw.includes ?? [])].sort(),
    objects,
    userPermissions: [...userPermissions].sort(),
  };
}

function checkIncludes(raw: Record<string, RawRole>, ctx: RuleContext): void {
  const names = Object.keys(raw);
  for (const name of names) {
    for (const [i, included] of (raw[name].includes ?? []).entries()) {
      const at = ['roles', name, 'includes', i];
      if (!(included in raw)) ctx.error(at, { key: 'role.unknownRole', tokens: [included], legal: [legalValues(names.filter((n) => n !== name), included)] });
      else if (included === name) ctx.error(at, { key: 'role.includesSelf', tokens: [name], legal: [] });
    }
  }
  // A cycle of includes cannot become permission set groups.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done' || !(name in raw)) return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      if (cycle.length > 2) ctx.error(['roles', name, 'includes'], { key: 'role.cycle', tokens: [cycle.join(' → ')], legal: [] });
      return;
    }
    state.set(name, 'visiting');
    for (const included of raw[name].includes ?? []) if (included !== name) visit(included, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of names) visit(name, []);
}

function buildObjectAccess(
  role: string,
  object: string,
  raw: { access: ObjectAccess[]; read?: string[]; edit?: string[] },
  inventory: readonly PhiObject[],
  ctx: RuleContext
): RoleObjectAccess {
  const path = ['roles', role, 'objects', object];
  const problem = checkComponentName(object, 'object');
  if (problem) ctx.error(path, problem, 'key');
  const listed = new Set(raw.access);
  if (listed.has('delete') && !listed.has('edit')) {
    ctx.error([...path, 'access'], { key: 'role.deleteWithoutEdit', legal: [] });
  }
  // create, edit and delete all need read; the profile format says edit implies read.
  const access: Record<ObjectAccess, boolean> = {
    read: listed.size > 0,
    create: listed.has('create'),
    edit: listed.has('edit'),
    delete: listed.has('delete'),
  };

  const phiObject = inventory.find((o) => o.name === object);
  const resolve = (list: 'read' | 'edit'): Set<string> => {
    const out = new Set<string>();
    for (const [i, entry] of (raw[list] ?? []).entries()) {
      for (const f of resolveEntry(entry, phiObject, object, [...path, list, i], ctx)) out.add(f);
    }
    return out;
  };
  const read = resolve('read');
  const edit = resolve('edit');
  if (edit.size > 0 && !access.edit && !access.create) {
    ctx.error([...path, 'edit'], { key: 'role.editWithoutAccess', tokens: [object], legal: [] });
  }
  for (const f of edit) read.add(f);
  return { object, access, read: [...read].sort(), edit: [...edit].sort() };
}

/** `all`, `category:<name>` or a field name → field full names. */
function resolveEntry(entry: string, phiObject: PhiObject | undefined, object: string, at: Array<string | number>, ctx: RuleContext): string[] {
  if (!phiObject) {
    ctx.error(at, { key: 'role.objectNotPhi', tokens: [object], legal: [object] });
    return [];
  }
  if (entry === 'all') return phiObject.fields.map((f) => f.fullName);
  if (entry.startsWith('category:')) {
    const category = entry.slice('category:'.length);
    const fields = phiObject.fields.filter((f) => f.category === category);
    if (fields.length === 0) {
      const present = [...new Set(phiObject.fields.map((f) => `category:${f.category}`))].sort();
      ctx.error(at, { key: 'role.categoryEmpty', tokens: [object, category], legal: [legalValues(present, entry)] });
    }
    return fields.map((f) => f.fullName);
  }
  const field = phiObject.fields.find((f) => f.name === entry);
  if (!field) {
    ctx.error(at, { key: 'role.fieldNotPhi', tokens: [`${object}.${entry}`], legal: [legalValues(phiObject.fields.map((f) => f.name), entry)] });
    return [];
  }
  return [field.fullName];
}
