import type { PhiObject, Profile, Retention } from '../profile/model.js';
import { disposalLogObject, purgeJobName, retentionOperator } from '../profile/names.js';
import type { XmlContent } from '../metadata/xml.js';
import { renderTemplate } from '../shared/templates.js';
import { apexClass, controlsOf, type Component } from './component.js';

const CONTROLS = controlsOf('disposal.retention');

/** A schedule without a start date starts on a fixed day, so that the output is the same on every run. */
const DEFAULT_START_DATE = '2026-01-01';

/** The disposal log: counts, times and ids only, never a value of a destroyed record. */
const LOG_FIELDS: ReadonlyArray<{ name: string; label: string; type: string; length?: number; precision?: number; description: string }> = [
  { name: 'Object_Name__c', label: 'Object Name', type: 'Text', length: 80, description: 'API name of the object purged.' },
  { name: 'Records_Destroyed__c', label: 'Records Destroyed', type: 'Number', precision: 18, description: 'Records deleted. Batch Apex also empties them from the Recycle Bin; records a flow deletes leave it after 15 days.' },
  { name: 'Records_Failed__c', label: 'Records Failed', type: 'Number', precision: 18, description: 'Expired records the run could not delete.' },
  { name: 'Cutoff__c', label: 'Cutoff', type: 'Date', description: 'Records dated before this day were expired.' },
  { name: 'Run_At__c', label: 'Run At', type: 'DateTime', description: 'When the run finished.' },
  { name: 'Job_Id__c', label: 'Job Id', type: 'Text', length: 64, description: 'Batch Apex job id or flow interview id of the run.' },
  { name: 'Engine__c', label: 'Engine', type: 'Text', length: 20, description: 'Flow or Batch Apex.' },
];

/** Fields a test record of a standard object cannot be inserted without. */
const REQUIRED_TEST_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Account: { Name: 'Retention Test' },
  Contact: { LastName: 'Retention Test' },
  Lead: { LastName: 'Retention Test', Company: 'Retention Test' },
  Opportunity: { Name: 'Retention Test', StageName: 'Prospecting', CloseDate: 'Date.today()' },
};

/** Dates the platform sets itself: tests move the cutoff instead of back-dating records. */
const SYSTEM_DATES = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The Apex cron expression of a profile schedule, in the org's time zone like the flow's. */
export function cronOf(schedule: Retention['schedule']): string {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const start = schedule.startDate ?? DEFAULT_START_DATE;
  const [year, month, day] = start.split('-').map(Number);
  if (schedule.frequency === 'Once') return `0 ${minute} ${hour} ${day} ${month} ? ${year}`;
  if (schedule.frequency === 'Weekly') return `0 ${minute} ${hour} ? * ${DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}`;
  return `0 ${minute} ${hour} * * ?`;
}

function logComponents(profile: Profile): Component[] {
  const name = disposalLogObject(profile.prefix);
  const object: Component = {
    type: 'CustomObject',
    fullName: name,
    root: 'CustomObject',
    content: {
      deploymentStatus: 'Deployed',
      description: 'HIPAA disposal log: one record per retention run, with counts only (164.310(d)(2)(i) evidence).',
      enableActivities: false,
      enableBulkApi: true,
      enableHistory: false,
      enableReports: true,
      enableSearch: false,
      enableSharing: true,
      enableStreamingApi: true,
      externalSharingModel: 'Private',
      label: 'Disposal Log',
      nameField: { displayFormat: 'DL-{000000}', label: 'Disposal Log Number', type: 'AutoNumber' },
      pluralLabel: 'Disposal Logs',
      sharingModel: 'Private',
      visibility: 'Public',
    },
    controls: CONTROLS,
  };
  const fields = LOG_FIELDS.map(
    (f): Component => ({
      type: 'CustomField',
      fullName: `${name}.${f.name}`,
      root: 'CustomField',
      content: {
        fullName: f.name,
        description: f.description,
        externalId: f.type === 'Text' || f.type === 'Number' ? false : undefined,
        label: f.label,
        length: f.length,
        precision: f.precision,
        required: false,
        scale: f.precision === undefined ? undefined : 0,
        type: f.type,
        unique: f.type === 'Text' || f.type === 'Number' ? false : undefined,
      },
      controls: CONTROLS,
    })
  );
  return [object, ...fields];
}

/** What the Batch Apex purges need, in user mode, beyond the disposal log: the objects and the date fields they filter on. */
export function batchPurgeNeeds(profile: Profile): { readonly objects: readonly string[]; readonly dateFields: readonly string[] } {
  const purged = profile.objects.filter((o) => o.retention?.engine === 'batch');
  return {
    objects: purged.map((o) => o.name),
    dateFields: purged.flatMap((o) => (SYSTEM_DATES.includes((o.retention as Retention).dateField) ? [] : [`${o.name}.${(o.retention as Retention).dateField}`])),
  };
}

/**
 * The permission set the batch purges run under. They query and delete in user mode, so the user sees every expired
 * record only with View All and Modify All on the object and read on its date field; nothing else is granted. Flows
 * run in system context and need none of it.
 */
function operatorPermissionSet(profile: Profile): Component {
  const log = disposalLogObject(profile.prefix);
  const needs = batchPurgeNeeds(profile);
  const purge = (object: string): XmlContent => ({ allowCreate: false, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: true, object, viewAllRecords: true });
  return {
    type: 'PermissionSet',
    fullName: retentionOperator(profile.prefix),
    root: 'PermissionSet',
    content: {
      description: 'HIPAA retention: assign only to the user that schedules the purge jobs. Destroys expired records and writes the disposal log.',
      fieldPermissions: [
        ...LOG_FIELDS.map((f) => ({ editable: true, field: `${log}.${f.name}`, readable: true })),
        ...needs.dateFields.map((field) => ({ editable: false, field, readable: true })),
      ].sort((a, b) => a.field.localeCompare(b.field)),
      hasActivationRequired: false,
      label: 'Retention Operator',
      objectPermissions: [
        { allowCreate: true, allowDelete: false, allowEdit: false, allowRead: true, modifyAllRecords: false, object: log, viewAllRecords: false },
        ...needs.objects.map(purge),
      ].sort((a, b) => String(a.object).localeCompare(String(b.object))),
    },
    controls: CONTROLS,
  };
}

type PurgeData = { object: PhiObject; retention: Retention; name: string; log: string };

/**
 * A scheduled purge in one transaction: find the expired records, count them, delete them, log the run. The log is
 * written whether or not records expired, so every scheduled run leaves evidence.
 */
function purgeFlow(profile: Profile, { object, retention, name, log }: PurgeData): Component {
  const assign = (field: string, value: XmlContent): XmlContent => ({ field, value });
  const logRecord = (element: string, locationX: number, destroyed: XmlContent, failed: XmlContent): XmlContent => ({
    name: element,
    label: element.replace('_', ' '),
    locationX,
    locationY: 566,
    inputAssignments: [
      assign('Cutoff__c', { elementReference: 'CutoffDate' }),
      assign('Engine__c', { stringValue: 'Flow' }),
      assign('Job_Id__c', { elementReference: '$Flow.InterviewGuid' }),
      assign('Object_Name__c', { stringValue: object.name }),
      assign('Records_Destroyed__c', destroyed),
      assign('Records_Failed__c', failed),
      assign('Run_At__c', { elementReference: '$Flow.CurrentDateTime' }),
    ],
    object: log,
  });
  return {
    type: 'Flow',
    fullName: name,
    root: 'Flow',
    content: {
      apiVersion: profile.apiVersion,
      assignments: [
        {
          name: 'Count_Expired',
          label: 'Count Expired',
          locationX: 176,
          locationY: 242,
          assignmentItems: [{ assignToReference: 'DestroyedCount', operator: 'AssignCount', value: { elementReference: 'Find_Expired' } }],
          connector: { targetReference: 'Any_Expired' },
        },
      ],
      decisions: [
        {
          name: 'Any_Expired',
          label: 'Any Expired',
          locationX: 176,
          locationY: 350,
          defaultConnector: { targetReference: 'Log_Disposal' },
          defaultConnectorLabel: 'None Expired',
          rules: [
            {
              name: 'Has_Expired',
              conditionLogic: 'and',
              conditions: [{ leftValueReference: 'DestroyedCount', operator: 'GreaterThan', rightValue: { numberValue: 0 } }],
              connector: { targetReference: 'Delete_Expired' },
              label: 'Has Expired',
            },
          ],
        },
      ],
      description: `HIPAA retention: destroys ${object.name} records whose ${retention.dateField} is more than ${retention.afterDays} days old and logs the run in ${log}. Controls: ${CONTROLS.join(', ')}.`,
      // A DateTime field is compared with a moment; the log always records the day.
      formulas: [
        { name: 'CutoffDate', dataType: 'Date', expression: `{!$Flow.CurrentDate} - ${retention.afterDays}` },
        ...(retention.dateType === 'DateTime' ? [{ name: 'CutoffMoment', dataType: 'DateTime', expression: `{!$Flow.CurrentDateTime} - ${retention.afterDays}` }] : []),
      ],
      interviewLabel: `Purge ${object.name} {!$Flow.CurrentDateTime}`,
      label: `Purge ${object.label ?? object.name}`.slice(0, 80),
      processType: 'AutoLaunchedFlow',
      recordCreates: [logRecord('Log_Disposal', 176, { elementReference: 'DestroyedCount' }, { numberValue: 0 }), logRecord('Log_Failure', -80, { numberValue: 0 }, { elementReference: 'DestroyedCount' })],
      recordDeletes: [
        {
          name: 'Delete_Expired',
          label: 'Delete Expired',
          locationX: 50,
          locationY: 458,
          connector: { targetReference: 'Log_Disposal' },
          // A delete that fails (a locked record, more rows than one transaction may delete) is logged as failed.
          faultConnector: { targetReference: 'Log_Failure' },
          inputReference: 'Find_Expired',
        },
      ],
      recordLookups: [
        {
          name: 'Find_Expired',
          label: 'Find Expired',
          locationX: 176,
          locationY: 134,
          assignNullValuesIfNoRecordsFound: false,
          connector: { targetReference: 'Count_Expired' },
          filterLogic: 'and',
          filters: [{ field: retention.dateField, operator: 'LessThan', value: { elementReference: retention.dateType === 'DateTime' ? 'CutoffMoment' : 'CutoffDate' } }],
          getFirstRecordOnly: false,
          object: object.name,
          queriedFields: ['Id'],
          storeOutputAutomatically: true,
        },
      ],
      start: {
        locationX: 50,
        locationY: 0,
        connector: { targetReference: 'Find_Expired' },
        schedule: { frequency: retention.schedule.frequency, startDate: retention.schedule.startDate ?? DEFAULT_START_DATE, startTime: `${retention.schedule.time}:00.000Z` },
        triggerType: 'Scheduled',
      },
      status: 'Active',
      variables: [{ name: 'DestroyedCount', dataType: 'Number', isCollection: false, isInput: false, isOutput: false, scale: 0, value: { numberValue: 0 } }],
    },
    controls: CONTROLS,
  };
}

function purgeBatch(profile: Profile, { object, retention, name, log }: PurgeData): Component[] {
  const required = REQUIRED_TEST_VALUES[object.name] ?? {};
  const data = {
    organization: profile.organization,
    className: name,
    testClassName: `${name}Test`,
    controls: CONTROLS.join(', '),
    object: object.name,
    dateField: retention.dateField,
    afterDays: retention.afterDays,
    cutoffType: retention.dateType === 'Date' ? 'Date' : 'Datetime',
    cutoffNow: retention.dateType === 'Date' ? 'Date.today()' : 'Datetime.now()',
    cutoffDay: retention.dateType === 'Date' ? 'cutoff()' : 'cutoff().date()',
    dateValue: retention.dateType === 'Date' ? 'Date.today()' : 'Datetime.now()',
    cron: cronOf(retention.schedule),
    logObject: log,
    operator: retentionOperator(profile.prefix),
    settable: !SYSTEM_DATES.includes(retention.dateField),
    requiredValues: Object.entries(required).map(([field, value]) => ({ field, value: value.startsWith('Date.') ? value : `'${value}'` })),
  };
  return [
    apexClass(profile.apiVersion, name, renderTemplate('apex/PurgeBatch.cls', data, { strict: true }), CONTROLS),
    apexClass(profile.apiVersion, `${name}Test`, renderTemplate('apex/PurgeBatchTest.cls', data, { strict: true }), CONTROLS),
  ];
}

/**
 * Retention and destruction: per object with `retention`, a scheduled flow or a Batch Apex purge, the disposal log
 * they write, and the permission set they run under.
 */
export function buildRetention(profile: Profile): Component[] {
  const objects = profile.objects.filter((o) => o.retention);
  if (objects.length === 0) return [];
  const log = disposalLogObject(profile.prefix);
  const purges = objects.flatMap((object) => {
    const retention = object.retention as Retention;
    const data = { object, retention, name: purgeJobName(profile.prefix, object.name), log };
    return retention.engine === 'flow' ? [purgeFlow(profile, data)] : purgeBatch(profile, data);
  });
  // An active flow deploys to production only when the org lets flows deploy as active.
  const flowSettings: Component[] = purges.some((c) => c.type === 'Flow')
    ? [{ type: 'Settings', fullName: 'Flow', root: 'FlowSettings', content: { enableFlowDeployAsActiveEnabled: true }, controls: CONTROLS }]
    : [];
  const operator = batchPurgeNeeds(profile).objects.length > 0 ? [operatorPermissionSet(profile)] : [];
  return [...logComponents(profile), ...operator, ...purges, ...flowSettings];
}
