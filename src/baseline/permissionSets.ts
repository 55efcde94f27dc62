import type { PhiObject, Profile, Role, RoleObjectAccess } from '../profile/model.js';
import type { XmlContent } from '../metadata/xml.js';
import { controlsOf, type Component } from './component.js';

/** Object permissions of a role; View All and Modify All are never granted. */
function objectPermissions(access: RoleObjectAccess): XmlContent {
  return {
    allowCreate: access.access.create,
    allowDelete: access.access.delete,
    allowEdit: access.access.edit,
    allowRead: access.access.read,
    modifyAllRecords: false,
    object: access.object,
    viewAllFields: false,
    viewAllRecords: false,
  };
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
      objectPermissions: role.objects.map(objectPermissions),
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
