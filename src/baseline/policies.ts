import type { Policy, Profile } from '../profile/model.js';
import { DATA_EVENTS } from '../profile/vocabulary.js';
import { renderTemplate } from '../shared/templates.js';
import { apexClass, controlsOf, type Component } from './component.js';

/** `<prefix>_<Policy>Cond`: the condition class of a policy (Apex class names hold 40 characters). */
export const conditionClassName = (prefix: string, policy: string): string => `${prefix}_${policy}Cond`;

function policyComponents(profile: Profile, policy: Policy): Component[] {
  const name = `${profile.prefix}_${policy.name}`;
  const className = conditionClassName(profile.prefix, policy.name);
  const emergency = policy.emergencyRoles.length > 0;
  const controls = controlsOf('audit.transaction-policies', 'audit.event-monitoring', emergency && 'access.emergency', policy.phiObjects && 'access.minimum-necessary');
  const description = policy.description ?? `${policy.action} ${policy.event}`;
  const data = {
    organization: profile.organization,
    policyName: name,
    description,
    className,
    testClassName: `${className}Test`,
    controls: controls.join(', '),
    eventName: policy.event,
    condition: {
      data: policy.condition === 'data',
      every: policy.condition === 'every',
      emergencyAssignment: policy.condition === 'emergencyAssignment',
      emergencyUse: policy.condition === 'emergencyUse',
      touchesPhi: policy.condition === 'data' || policy.condition === 'emergencyUse',
    },
    emergencyPermissionSets: profile.roles.filter((r) => policy.emergencyRoles.includes(r.name)).map((r) => r.permissionSet),
    phiObjects: profile.objects.map((o) => o.name),
    phiOnly: policy.phiObjects,
    // Apex reads a missing threshold as null; 0 is a threshold like any other.
    rowsOver: policy.rowsOver === undefined ? 'null' : String(policy.rowsOver),
  };
  const notify = profile.monitoring.notify.map((user) => ({ inApp: false, sendEmail: true, user }));
  return [
    {
      type: 'TransactionSecurityPolicy',
      fullName: name,
      root: 'TransactionSecurityPolicy',
      content: {
        action: {
          block: policy.action === 'block',
          endSession: false,
          freezeUser: false,
          notifications: notify,
          twoFactorAuthentication: policy.action === 'mfa',
        },
        active: true,
        apexClass: className,
        blockMessage: policy.action === 'block' && DATA_EVENTS.includes(policy.event) ? policy.message : undefined,
        description: description.slice(0, 1000),
        developerName: name,
        eventName: policy.event,
        masterLabel: policy.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'),
        type: 'CustomApexPolicy',
      },
      controls,
    },
    apexClass(profile.apiVersion, className, renderTemplate('apex/PolicyCondition.cls', data, { strict: true }), controls),
    apexClass(profile.apiVersion, `${className}Test`, renderTemplate('apex/PolicyConditionTest.cls', data, { strict: true }), controls),
  ];
}

/** One transaction security policy per profile policy, each with its Apex condition and the condition's test. */
export function buildPolicies(profile: Profile): Component[] {
  return profile.monitoring.policies.flatMap((p) => policyComponents(profile, p));
}
