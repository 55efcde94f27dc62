import type { RuleContext } from './context.js';
import { say } from './messages.js';
import type { Monitoring, Policy, Role } from './model.js';
import { APEX_CLASS_MAX, checkIdentifier } from './names.js';
import type { RawPolicy, RawProfile } from './raw.js';
import { DATA_EVENTS, DEFAULT_STORE_EVENTS, NO_MFA_EVENTS, type PolicyEvent } from './vocabulary.js';

/** Policy names become Apex class names `<prefix>_<Policy>CondTest`. */
const CONDITION_TEST_SUFFIX = 'CondTest';
const DEFAULT_ROWS = 1000;

/** The spec's defaults when the profile lists no policies. */
const DEFAULT_POLICIES: readonly RawPolicy[] = [
  {
    name: 'BlockPhiReportExport',
    description: say('policy.default.reportExport'),
    event: 'ReportEvent',
    when: { phiObjects: true, rowsOver: DEFAULT_ROWS },
    action: 'block',
  },
  {
    name: 'BlockPhiApiQuery',
    description: say('policy.default.apiQuery'),
    event: 'ApiEvent',
    when: { phiObjects: true, rowsOver: DEFAULT_ROWS },
    action: 'block',
  },
  {
    name: 'StepUpPhiListView',
    description: say('policy.default.listView'),
    event: 'ListViewEvent',
    when: { phiObjects: true },
    action: 'mfa',
  },
];

export function buildMonitoring(raw: RawProfile['monitoring'], roles: readonly Role[], prefix: string, ctx: RuleContext): Monitoring {
  const m = raw ?? {};
  const notify = [...(m.notify ?? [])];
  const fromProfile = m.policies !== undefined;
  const nameMax = APEX_CLASS_MAX - prefix.length - 1 - CONDITION_TEST_SUFFIX.length;
  const policies = (m.policies ?? DEFAULT_POLICIES).map((p, i) => buildPolicy(p, fromProfile ? ['monitoring', 'policies', i] : undefined, nameMax, ctx));

  const emergencyRoles = roles.filter((r) => r.emergency).map((r) => r.name);
  if (emergencyRoles.length > 0) policies.push(...emergencyPolicies(emergencyRoles));

  const seen = new Set<string>();
  for (const [i, p] of policies.entries()) {
    if (seen.has(p.name)) ctx.error(['monitoring', 'policies', i, 'name'], { key: 'policy.duplicate', tokens: [p.name], legal: [] });
    seen.add(p.name);
  }
  const notifying = policies.filter((p) => p.action === 'notify');
  if (notifying.length > 0 && notify.length === 0) {
    ctx.error(
      m.notify ? ['monitoring', 'notify'] : raw ? ['monitoring'] : [],
      { key: 'policy.nobodyToNotify', tokens: [notifying.map((p) => p.name).join(', ')], legal: [] }
    );
  }
  return { storeEvents: [...(m.storeEvents ?? DEFAULT_STORE_EVENTS)], notify, policies };
}

/** The data events through which an emergency role reads PHI: each gets a policy that reports that use. */
const EMERGENCY_USE_EVENTS: ReadonlyArray<{ readonly event: PolicyEvent; readonly name: string; readonly channel: string }> = [
  { event: 'ApiEvent', name: 'EmergencyUseApi', channel: 'the API' },
  { event: 'ReportEvent', name: 'EmergencyUseReport', channel: 'reports' },
  { event: 'ListViewEvent', name: 'EmergencyUseListView', channel: 'list views' },
];

/**
 * The notifications of 164.312(a)(2)(ii): an emergency permission set assigned (the org reports assignments of
 * permission sets that hold critical permissions), and PHI read under one activated in the session, which the
 * session-activated emergency roles always need.
 */
function emergencyPolicies(emergencyRoles: readonly string[]): Policy[] {
  const notify = { phiObjects: true, action: 'notify', emergencyRoles, origin: 'default' } as const;
  return [
    { ...notify, name: 'NotifyEmergencyAccess', description: say('policy.default.emergency'), event: 'PermissionSetEventStore', condition: 'emergencyAssignment', phiObjects: false },
    ...EMERGENCY_USE_EVENTS.map(({ event, name, channel }): Policy => ({ ...notify, name, description: say('policy.default.emergencyUse', [channel]), event, condition: 'emergencyUse' })),
  ];
}

/** The rules of a policy the profile lists (the defaults need none). */
function checkPolicy(raw: RawPolicy, path: Array<string | number>, nameMax: number, ctx: RuleContext): void {
  const problem = checkIdentifier(raw.name, nameMax, 'policy name');
  if (problem) ctx.error([...path, 'name'], problem);
  const dataEvent = DATA_EVENTS.includes(raw.event);
  if (!dataEvent && raw.when && (raw.when.rowsOver !== undefined || raw.when.phiObjects)) {
    ctx.error([...path, 'when'], { key: 'policy.whenOnNonDataEvent', tokens: [raw.event], legal: [DATA_EVENTS.join(', ')] });
  }
  if (raw.action === 'block' && !dataEvent) {
    ctx.error([...path, 'action'], { key: 'policy.blockEveryEvent', tokens: [raw.event, raw.event], legal: [raw.event, DATA_EVENTS.join(', ')] });
  }
  if (raw.action === 'mfa' && NO_MFA_EVENTS.includes(raw.event)) {
    ctx.error([...path, 'action'], { key: 'policy.mfaWithoutSession', tokens: [raw.event], legal: [] });
  }
  if (raw.message && (raw.action !== 'block' || !dataEvent)) {
    ctx.error([...path, 'message'], { key: 'policy.messageNotShown', legal: [DATA_EVENTS.join(', ')] });
  }
}

function buildPolicy(raw: RawPolicy, path: Array<string | number> | undefined, nameMax: number, ctx: RuleContext): Policy {
  if (path) checkPolicy(raw, path, nameMax, ctx);
  const dataEvent = DATA_EVENTS.includes(raw.event);
  return {
    name: raw.name,
    ...(raw.description ? { description: raw.description } : {}),
    event: raw.event,
    condition: dataEvent ? 'data' : 'every',
    phiObjects: dataEvent && (raw.when?.phiObjects ?? true),
    ...(raw.when?.rowsOver !== undefined ? { rowsOver: raw.when.rowsOver } : {}),
    action: raw.action,
    ...(raw.action === 'block' && dataEvent
      ? { message: raw.message ?? say('policy.defaultBlockMessage') }
      : {}),
    emergencyRoles: [],
    origin: path ? 'profile' : 'default',
  };
}
