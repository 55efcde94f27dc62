import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Component } from '../../../src/baseline/component.js';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { cronOf } from '../../../src/baseline/retention.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import { EXAMPLE_PROFILE } from '../../support/paths.js';

const EXAMPLE = readFileSync(EXAMPLE_PROFILE, 'utf8');

function profile(text = EXAMPLE): Profile {
  const r = loadProfileText('p.yaml', text);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

function component(components: Component[], type: string, fullName: string): Component {
  const c = components.find((x) => x.type === type && x.fullName === fullName);
  if (!c) throw new Error(`no ${type} ${fullName}`);
  return c;
}

type FlowContent = {
  status: string;
  processType: string;
  formulas: Array<{ name: string; dataType: string; expression: string }>;
  recordLookups: Array<{ object: string; filters: Array<{ field: string; operator: string; value: { elementReference: string } }> }>;
  recordDeletes: Array<{ inputReference: string }>;
  recordCreates: Array<{ object: string; inputAssignments: Array<{ field: string; value: Record<string, unknown> }> }>;
  start: { triggerType: string; schedule: Record<string, string> };
};

/** The example with Encounter__c purged by a flow instead of a batch. */
const ENCOUNTER_BY_FLOW = EXAMPLE.replace(/engine: batch\n(\s+)schedule: \{ frequency: Weekly, time: "03:30" \}/, 'engine: flow\n$1schedule: { frequency: Once, time: "03:30", startDate: "2027-02-01" }');

describe('retention and destruction', () => {
  const example = buildBaseline(profile());

  it('purges a Date-keyed object with a scheduled flow that deletes what is past the cutoff and logs the run', () => {
    const flow = component(example, 'Flow', 'RFC_Purge_Patient');
    expect(flow.controls).to.deep.equal(['disposal.retention']);
    const content = flow.content as FlowContent;
    expect(content).to.deep.include({ status: 'Active', processType: 'AutoLaunchedFlow' });
    expect(content.start).to.deep.equal({
      locationX: 50,
      locationY: 0,
      connector: { targetReference: 'Find_Expired' },
      schedule: { frequency: 'Daily', startDate: '2026-01-01', startTime: '02:00:00.000Z' },
      triggerType: 'Scheduled',
    });
    expect(content.formulas).to.deep.equal([{ name: 'CutoffDate', dataType: 'Date', expression: '{!$Flow.CurrentDate} - 2555' }]);
    expect(content.recordLookups[0].object).to.equal('Patient__c');
    expect(content.recordLookups[0].filters).to.deep.equal([{ field: 'Discharge_Date__c', operator: 'LessThan', value: { elementReference: 'CutoffDate' } }]);
    expect(content.recordDeletes[0].inputReference).to.equal('Find_Expired');
    const log = content.recordCreates[0];
    expect(log.object).to.equal('RFC_Disposal_Log__c');
    expect(log.inputAssignments.map((a) => a.field)).to.deep.equal(['Cutoff__c', 'Engine__c', 'Job_Id__c', 'Object_Name__c', 'Records_Destroyed__c', 'Records_Failed__c', 'Run_At__c']);
    expect(log.inputAssignments.find((a) => a.field === 'Records_Destroyed__c')?.value).to.deep.equal({ elementReference: 'DestroyedCount' });
  });

  it('compares a DateTime field with a moment and takes the profile schedule as it is', () => {
    const flow = component(buildBaseline(profile(ENCOUNTER_BY_FLOW)), 'Flow', 'RFC_Purge_Encounter').content as FlowContent;
    expect(flow.formulas.map((f) => `${f.name}:${f.dataType}`)).to.deep.equal(['CutoffDate:Date', 'CutoffMoment:DateTime']);
    expect(flow.recordLookups[0].filters[0]).to.deep.equal({ field: 'CreatedDate', operator: 'LessThan', value: { elementReference: 'CutoffMoment' } });
    expect(flow.start.schedule).to.deep.equal({ frequency: 'Once', startDate: '2027-02-01', startTime: '03:30:00.000Z' });
  });

  it('purges with Batch Apex that deletes in user mode, empties the Recycle Bin and logs counts only', () => {
    const batch = component(example, 'ApexClass', 'RFC_Purge_Encounter').code ?? '';
    expect(batch).to.include('implements Database.Batchable<SObject>, Database.Stateful, Schedulable');
    expect(batch).to.include('[SELECT Id FROM Encounter__c WHERE CreatedDate < :expiredBefore WITH USER_MODE]');
    expect(batch).to.include('Database.delete(scope, false, AccessLevel.USER_MODE)');
    expect(batch).to.include('Database.emptyRecycleBin(deleted);');
    expect(batch).to.include('Database.insert(entry, AccessLevel.USER_MODE);');
    expect(batch).to.include('Datetime.now().addDays(-retentionDays)');
    expect(batch).to.include("CRON = '0 30 3 ? * THU'");
    expect(batch).to.include('RFC_Retention_Operator');
    const test = component(example, 'ApexClass', 'RFC_Purge_EncounterTest').code ?? '';
    for (const method of ['destroysExpiredRecordsAndLogsTheRun', 'keepsRecordsWithinRetention', 'countsRecordsItCannotDelete', 'schedulesOnTheProfileSchedule']) {
      expect(test).to.include(`static void ${method}()`);
    }
    expect(test).not.to.include("record.put('CreatedDate'");
  });

  it('fills the required fields of a standard object and dates its test records by the retention field', () => {
    const text = EXAMPLE.replace(/(\n {4}Contact:\n)/, '$1      retention: { dateField: Birthdate, afterDays: 3650, engine: batch }\n').replace(/(\n {8}Birthdate:\s+\{ category: dates)/, '$1, encrypt: none, justification: retention key');
    const components = buildBaseline(profile(text));
    const operator = component(components, 'PermissionSet', 'RFC_Retention_Operator').content as { fieldPermissions: Array<Record<string, unknown>> };
    // The batch filters on Birthdate in user mode: its operator may read that field, and write none.
    expect(operator.fieldPermissions.filter((p) => !String(p.field).startsWith('RFC_Disposal_Log__c.'))).to.deep.equal([{ editable: false, field: 'Contact.Birthdate', readable: true }]);
    const test = component(components, 'ApexClass', 'RFC_Purge_ContactTest').code ?? '';
    expect(test).to.include("record.put('LastName', 'Retention Test');");
    expect(test).to.include("record.put('Birthdate', Date.today());");
    expect(component(components, 'ApexClass', 'RFC_Purge_Contact').code).to.include('WHERE Birthdate < :expiredBefore').and.include('Date.today().addDays(-retentionDays)');
  });

  it('turns the profile schedule into the cron expression of the batch', () => {
    expect(cronOf({ frequency: 'Daily', time: '02:00' })).to.equal('0 0 2 * * ?');
    expect(cronOf({ frequency: 'Weekly', time: '23:45', startDate: '2026-03-04' })).to.equal('0 45 23 ? * WED');
    expect(cronOf({ frequency: 'Once', time: '01:05', startDate: '2027-02-01' })).to.equal('0 5 1 1 2 ? 2027');
  });

  it('generates a disposal log that holds counts, times and ids, never a record value', () => {
    const fields = example.filter((c) => c.type === 'CustomField' && c.fullName.startsWith('RFC_Disposal_Log__c.'));
    expect(fields.map((f) => `${f.fullName.split('.')[1]}:${String((f.content as Record<string, unknown>).type)}`)).to.deep.equal([
      'Cutoff__c:Date',
      'Engine__c:Text',
      'Job_Id__c:Text',
      'Object_Name__c:Text',
      'Records_Destroyed__c:Number',
      'Records_Failed__c:Number',
      'Run_At__c:DateTime',
    ]);
    expect(component(example, 'CustomObject', 'RFC_Disposal_Log__c').content).to.deep.include({ sharingModel: 'Private', label: 'Disposal Log' });
  });

  it('grants delete with View All and Modify All only on the objects Batch Apex purges, to a permission set of its own', () => {
    const operator = component(example, 'PermissionSet', 'RFC_Retention_Operator').content as { objectPermissions: Array<Record<string, unknown>> };
    // Patient__c is purged by a flow, which runs in system context and needs no grant.
    expect(operator.objectPermissions.map((p) => [p.object, p.allowDelete, p.modifyAllRecords, p.allowCreate])).to.deep.equal([
      ['Encounter__c', true, true, false],
      ['RFC_Disposal_Log__c', false, false, true],
    ]);
    const byFlowOnly = buildBaseline(profile(EXAMPLE.replace(/engine: batch/, 'engine: flow')));
    expect(byFlowOnly.some((c) => c.fullName === 'RFC_Retention_Operator')).to.equal(false);
    for (const role of profile().roles) {
      const ps = component(example, 'PermissionSet', role.permissionSet).content as { objectPermissions: Array<{ object: string }> };
      expect(ps.objectPermissions.map((p) => p.object), role.name).not.to.include('RFC_Disposal_Log__c');
    }
  });

  it('lets active flows deploy to production only when a flow purges, and adds nothing without retention', () => {
    expect(component(example, 'Settings', 'Flow').content).to.deep.equal({ enableFlowDeployAsActiveEnabled: true });
    const batchOnly = EXAMPLE.replace(/engine: flow/, 'engine: batch');
    expect(buildBaseline(profile(batchOnly)).some((c) => c.type === 'Flow' || c.fullName === 'Flow')).to.equal(false);
    const none = buildBaseline(profile(EXAMPLE.replace(/ {6}retention:\n(?: {8}.*\n)+/g, '')));
    expect(none.filter((c) => c.controls.includes('disposal.retention'))).to.deep.equal([]);
  });
});
