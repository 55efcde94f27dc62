import type { RuleContext } from './context.js';
import { say } from './messages.js';
import type { Monitoring, Policy, Role } from './model.js';
import { APEX_CLASS_MAX, checkIdentifier } from './names.js';
import type { RawPolicy, RawProfile } from './raw.js';
import { DATA_EVENTS, DEFAULT_STORE_EVENTS, NO_MFA_EVENTS } from './vocabulary.js';

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
  if (emergencyRoles.length > 0) {
    policies.push({
      name: 'NotifyEmergencyAccess',
      description: say('policy.default.emergency'),
      event: 'PermissionSetEventStore',
      phiObjects: false,
      action: 'notify',
      emergencyRoles,
      origin: 'default',
    });
  }

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

function buildPolicy(raw: RawPolicy, path: Array<string | number> | undefined, nameMax: number, ctx: RuleContext): Policy {
  if (path) {
    const problem = checkIdentifier(raw.name, nameMax, 'policy name');
    if (problem) ctx.error([...path, 'name'], problem);
    const dataEvent = DATA_EVENTS.includes(raw.event);
    if (!dataEvent && raw.when && (raw.when.rowsOver !== undefined || raw.when.phiObjects)) {
      ctx.error([...path, 'when'], { key: 'policy.whenOnNonDataEvent', tokens: [raw.event], legal: [DATA_EVENTS.join(', ')] });
    }
    if (raw.action === 'mfa' && NO_MFA_EVENTS.includes(raw.event)) {
      ctx.error([...path, 'action'], { key: 'policy.mfaWithoutSession', tokens: [raw.event], legal: [] });
    }
    if (raw.message && (raw.action !== 'block' || !dataEvent)) {
      ctx.error([...path, 'message'], { key: 'policy.messageNotShown', legal: [DATA_EVENTS.join(', ')] });
    }
  }
  const dataEvent = DATA_EVENTS.includes(raw.event);
  return {
    name: raw.name,
    ...(raw.description ? { description: raw.description } : {}),
    event: raw.event,
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
