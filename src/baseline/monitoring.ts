import type { Profile } from '../profile/model.js';
import { controlsOf, type Component } from './component.js';

/** Event log files kept a year: long enough for the periodic activity reviews. */
const EVENT_LOG_RETENTION_DAYS = 365;

/** Event monitoring: event log files, transaction security policies on, and real-time storage of the profile's events. */
export function buildMonitoring(profile: Profile): Component[] {
  return [
    {
      type: 'Settings',
      fullName: 'Event',
      root: 'EventSettings',
      content: {
        // A policy that cannot be evaluated in time blocks rather than lets the action through.
        bypassMeteringBlock: false,
        enableDeleteMonitoringData: false,
        enableEventLogGeneration: true,
        enableTransactionSecurityPolicies: true,
        eventLogRetentionDuration: EVENT_LOG_RETENTION_DAYS,
      },
      controls: controlsOf('audit.event-monitoring', 'audit.transaction-policies'),
    },
    {
      type: 'Settings',
      fullName: 'RealTimeEvent',
      root: 'RealTimeEventSettings',
      content: { realTimeEvents: [...profile.monitoring.storeEvents].sort().map((entityName) => ({ entityName, isEnabled: true })) },
      controls: controlsOf('audit.event-monitoring'),
    },
  ];
}
