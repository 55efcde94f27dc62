import type { PhiObject, Profile, Role, RoleObjectAccess } from '../profile/model.js';
import type { XmlContent } from '../metadata/xml.js';
import { controlsOf, type Component } from './component.js';

const NO_ACCESS: RoleObjectAccess['access'] = { read: false, create: false, edit: false, delete: false };

/**
 * Object permissions of a role on every PHI object: what the role lists, explicitly nothing on the others (as for
 * fields), so that access added to the role's permission set later is seen. View All and Modify All are never granted.
 */
function objectPermissions(role: Role, objects: readonly PhiObject[]): XmlContent[] {
  const byObject = new Map(role.objects.map((o) => [o.object, o.access]));
  return objects
    .map((o) => ({ object: o.name, access: byObject.get(o.name) ?? NO_ACCESS }))
    .sort((a, b) => a.object.localeCompare(b.object))
    .map(({ object, access }) => ({
      allowCreate: access.create,
      allowDelete: access.delete,
      allowEdit: access.edit,
      allowRead: access.read,
      modifyAllRecords: false,
      object,
      viewAllFields: false,
      viewAllRecords: false,
    }));
}

/** Every PHI field of the inventory, readable and editable only as the role lists it, explicitly false otherwise. */
function fieldPermissions(role: Role, objects: readonly PhiObject[]): XmlContent[] {
  const byObject = new Map(role.objects.map((o) => [o.object, o]));
  return objects
    .flatMap((o) => o.fields)
    .map((f) => ({ field: f.fullName, grant: byObject.get(f.object) }))
    .sort((a, b) => a.field.localeCompare(b.field))
    .map(({ field, grant }) => ({
      editable: grant?.edit.includes(field) ?? false,
      field,
      readable: grant?.read.includes(field) ?? false,
    }));
}

function permissionSet(profile: Profile, role: Role): Component {
  return {
    type: 'PermissionSet',
    fullName: role.permissionSet,
    root: 'PermissionSet',
    content: {
      description: role.description ?? `${profile.organization}: minimum-necessary PHI access of the ${role.label} role`,
      fieldPermissions: fieldPermissions(role, profile.objects),
      hasActivationRequired: role.emergency,
      label: role.label,
      objectPermissions: objectPermissions(role, profile.objects),
      userPermissions: role.userPermissions.map((name) => ({ enabled: true, name })),
    },
    controls: controlsOf(
      'access.role-permissions',
      'access.minimum-necessary',
      'access.privileged-permissions',
      role.userPermissions.includes('ForceTwoFactor') && 'auth.mfa',
      role.emergency && 'access.emergency'
    ),
  };
}

/** A role that includes others becomes a group of its own permission set and theirs. */
function permissionSetGroup(profile: Profile, role: Role): Component {
  const byName = new Map(profile.roles.map((r) => [r.name, r]));
  const members = [role.permissionSet, ...role.includes.map((n) => byName.get(n)?.permissionSet ?? n)].sort();
  return {
    type: 'PermissionSetGroup',
    fullName: `${role.permissionSet}_Group`,
    root: 'PermissionSetGroup',
    content: {
      description: `${profile.organization}: ${role.label} with the roles it includes (${role.includes.join(', ')})`,
      hasActivationRequired: role.emergency,
      label: `${role.label} (group)`,
      permissionSets: members,
    },
    controls: controlsOf('access.role-permissions', 'access.minimum-necessary', role.emergency && 'access.emergency'),
  };
}

export function buildPermissionSets(profile: Profile): Component[] {
  return profile.roles.flatMap((role) => [permissionSet(profile, role), ...(role.includes.length ? [permissionSetGroup(profile, role)] : [])]);
}
