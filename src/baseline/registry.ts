import type { Profile } from '../profile/model.js';
import type { Component } from './component.js';
import { buildIntegrations } from './integrations.js';
import { buildLogging } from './logging.js';
import { buildMonitoring } from './monitoring.js';
import { buildObjects } from './objects.js';
import { buildPermissionSets } from './permissionSets.js';
import { buildPolicies } from './policies.js';
import { buildRetention } from './retention.js';
import { buildSettings } from './settings.js';

/** One row per metadata family: the pure function that derives its components from the profile. */
export const FAMILIES: ReadonlyArray<{ readonly family: string; readonly build: (profile: Profile) => Component[] }> = [
  { family: 'access', build: buildPermissionSets },
  { family: 'data protection', build: buildObjects },
  { family: 'org settings', build: buildSettings },
  { family: 'integrations', build: buildIntegrations },
  { family: 'event monitoring', build: buildMonitoring },
  { family: 'transaction security policies', build: buildPolicies },
  { family: 'retention and destruction', build: buildRetention },
  { family: 'PHI-safe logging', build: buildLogging },
];

/** The whole baseline of a profile, in a stable order. */
export function buildBaseline(profile: Profile): Component[] {
  return FAMILIES.flatMap((f) => f.build(profile)).sort((a, b) => a.type.localeCompare(b.type) || a.fullName.localeCompare(b.fullName));
}
