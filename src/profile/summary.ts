import type { Policy, Profile, Relaxation } from './model.js';

/** What `profile validate` reports about a valid profile. */
export type ProfileSummary = {
  organization: string;
  prefix: string;
  apiVersion: string;
  objects: Array<{ name: string; scaffold: boolean; phiFields: number; encrypted: number; historyTracked: number; retention?: string }>;
  fieldsByCategory: Record<string, number>;
  roles: Array<{ name: string; permissionSet: string; emergency: boolean; includes: string[]; objects: string[]; readable: number; editable: number }>;
  policies: Array<{ name: string; event: string; condition: string; action: string; origin: 'profile' | 'default' }>;
  integrations: { apps: string[]; endpoints: string[] };
  relaxations: Relaxation[];
};

export function summarizeProfile(p: Profile): ProfileSummary {
  const fieldsByCategory: Record<string, number> = {};
  for (const f of p.objects.flatMap((o) => o.fields)) fieldsByCategory[f.category] = (fieldsByCategory[f.category] ?? 0) + 1;
  return {
    organization: p.organization,
    prefix: p.prefix,
    apiVersion: p.apiVersion,
    objects: p.objects.map((o) => ({
      name: o.name,
      scaffold: o.scaffold,
      phiFields: o.fields.length,
      encrypted: o.fields.filter((f) => f.encrypt !== 'none').length,
      historyTracked: o.fields.filter((f) => f.trackHistory).length,
      ...(o.retention
        ? { retention: `${o.retention.dateField} + ${o.retention.afterDays} days (${o.retention.engine}, ${o.retention.schedule.frequency} ${o.retention.schedule.time})` }
        : {}),
    })),
    fieldsByCategory: Object.fromEntries(Object.entries(fieldsByCategory).sort(([a], [b]) => a.localeCompare(b))),
    roles: p.roles.map((r) => ({
      name: r.name,
      permissionSet: r.permissionSet,
      emergency: r.emergency,
      includes: [...r.includes],
      objects: r.objects.map((o) => o.object),
      readable: r.objects.reduce((n, o) => n + o.read.length, 0),
      editable: r.objects.reduce((n, o) => n + o.edit.length, 0),
    })),
    policies: p.monitoring.policies.map((x) => ({
      name: x.name,
      event: x.event,
      condition: conditionOf(x),
      action: x.action,
      origin: x.origin,
    })),
    integrations: { apps: p.integrations.apps.map((a) => a.name), endpoints: p.integrations.endpoints.map((e) => e.name) },
    relaxations: [...p.relaxations],
  };
}

/** A policy's condition in words, for the summary. */
function conditionOf(policy: Policy): string {
  const roles = policy.emergencyRoles.join(', ');
  if (policy.condition === 'emergencyAssignment') return `assignment of ${roles}`;
  if (policy.condition === 'emergencyUse') return `PHI objects read under ${roles}`;
  return [policy.phiObjects ? 'PHI objects' : '', policy.rowsOver !== undefined ? `more than ${policy.rowsOver} rows` : ''].filter(Boolean).join(', ') || 'every event';
}
