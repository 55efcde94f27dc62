import { TYPE_SINCE } from '../metadata/versions.js';
import type { Profile } from '../profile/model.js';
import { STORE_SUFFIXED_EVENTS } from '../profile/vocabulary.js';
import { controlsOf, type Component } from './component.js';

/** Real-Time Event Monitoring stores an event in its storage object (`ApiEvent`, `FileEventStore`). */
const storageEntityOf = (event: string): string => (STORE_SUFFIXED_EVENTS.has(event) ? `${event}Store` : event);

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
    ...(Number(profile.apiVersion) >= TYPE_SINCE.RealTimeEventSettings
      ? [
          {
            type: 'Settings',
            fullName: 'RealTimeEvent',
            root: 'RealTimeEventSettings',
            content: { realTimeEvents: profile.monitoring.storeEvents.map(storageEntityOf).sort().map((entityName) => ({ entityName, isEnabled: true })) },
            controls: controlsOf('audit.event-monitoring'),
          },
        ]
      : []),
  ];
}
