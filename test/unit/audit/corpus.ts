/**
 * The audit corpus: for every rule, projects that hold the failure pattern (vulnerable: the rule must fire) and
 * projects that avoid it (clean: the rule must stay quiet). Each sample is a few files laid over a small project.
 */
const xml = (root: string, body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</${root}>\n`;
const D = 'force-app/main/default';

export const PROFILE = `version: 1
organization: Corpus Clinic
phi:
  objects:
    Patient__c:
      fields:
        SSN__c: { category: ssn, type: Text }
        Notes__c: { category: clinical, type: LongTextArea }
      retention: { dateField: CreatedDate, afterDays: 2555 }
roles:
  Nurse:
    objects:
      Patient__c: { access: [read], read: [Notes__c] }
`;

const field = (name: string, body: string): Record<string, string> => ({ [`${D}/objects/Patient__c/fields/${name}.field-meta.xml`]: xml('CustomField', `    <fullName>${name}</fullName>\n${body}`) });
const object = (body: string): Record<string, string> => ({ [`${D}/objects/Patient__c/Patient__c.object-meta.xml`]: xml('CustomObject', body) });
const permissionSet = (name: string, body: string): Record<string, string> => ({ [`${D}/permissionsets/${name}.permissionset-meta.xml`]: xml('PermissionSet', `${body}\n    <label>${name}</label>`) });
const userPermission = (name: string): string => `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
const objectPermission = (viewAll: boolean, modifyAll: boolean): string =>
  `    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>${modifyAll}</modifyAllRecords>\n        <object>Patient__c</object>\n        <viewAllRecords>${viewAll}</viewAllRecords>\n    </objectPermissions>`;
const fieldPermission = (f: string, readable: boolean, editable = false): string => `    <fieldPermissions>\n        <editable>${editable}</editable>\n        <field>${f}</field>\n        <readable>${readable}</readable>\n    </fieldPermissions>`;
const remoteSite = (url: string, disabled: boolean): Record<string, string> => ({ [`${D}/remoteSiteSettings/Partner.remoteSite-meta.xml`]: xml('RemoteSiteSetting', `    <disableProtocolSecurity>${disabled}</disableProtocolSecurity>\n    <isActive>true</isActive>\n    <url>${url}</url>`) });
const connectedApp = (scopes: string[], refresh?: string): Record<string, string> => ({
  [`${D}/connectedApps/Portal.connectedApp-meta.xml`]: xml(
    'ConnectedApp',
    `    <contactEmail>it@example.org</contactEmail>\n    <label>Portal</label>\n    <oauthConfig>\n        <callbackUrl>https://portal.example.org/cb</callbackUrl>\n${scopes.map((s) => `        <scopes>${s}</scopes>`).join('\n')}\n    </oauthConfig>${refresh ? `\n    <oauthPolicy>\n        <ipRelaxation>ENFORCE</ipRelaxation>\n        <refreshTokenPolicy>${refresh}</refreshTokenPolicy>\n    </oauthPolicy>` : ''}`
  ),
});
const security = (session: string): Record<string, string> => ({ [`${D}/settings/Security.settings-meta.xml`]: xml('SecuritySettings', `    <sessionSettings>\n${session}\n    </sessionSettings>`) });

const apexClass = (name: string, body: string): Record<string, string> => ({
  [`${D}/classes/${name}.cls`]: body,
  [`${D}/classes/${name}.cls-meta.xml`]: xml('ApexClass', '    <apiVersion>66.0</apiVersion>\n    <status>Active</status>'),
});
const apexTrigger = (name: string, body: string): Record<string, string> => ({
  [`${D}/triggers/${name}.trigger`]: body,
  [`${D}/triggers/${name}.trigger-meta.xml`]: xml('ApexTrigger', '    <apiVersion>66.0</apiVersion>\n    <status>Active</status>'),
});
/** A class body that reads Patient__c records safely, for the samples to add one pattern to. */
const service = (sharing: string, body: string): string => `public ${sharing} class PatientService {
    public static List<Patient__c> load(Set<Id> ids) {
        List<Patient__c> patients = [SELECT Id, Name FROM Patient__c WHERE Id IN :ids WITH USER_MODE];
${body}
        return patients;
    }
}
`;

export type Sample = { readonly name: string; readonly files: Record<string, string>; readonly profile?: string | null };
export type CorpusRule = { readonly vulnerable: readonly Sample[]; readonly clean: readonly Sample[] };

export const CORPUS: Readonly<Record<string, CorpusRule>> = {
  'phi-field-unencrypted': {
    vulnerable: [
      { name: 'no scheme', files: field('SSN__c', '    <label>SSN</label>\n    <length>11</length>\n    <trackHistory>true</trackHistory>\n    <type>Text</type>') },
      { name: 'scheme None', files: field('SSN__c', '    <encryptionScheme>None</encryptionScheme>\n    <label>SSN</label>\n    <type>Text</type>') },
      { name: 'found by name without a profile', profile: null, files: field('Social_Security_Number__c', '    <label>SSN</label>\n    <type>Text</type>') },
    ],
    clean: [
      { name: 'probabilistic', files: field('SSN__c', '    <encryptionScheme>ProbabilisticEncryption</encryptionScheme>\n    <label>SSN</label>\n    <type>Text</type>') },
      { name: 'not PHI', files: field('Favorite_Color__c', '    <label>Color</label>\n    <type>Text</type>') },
      { name: 'justified in the profile', profile: PROFILE.replace('SSN__c: { category: ssn, type: Text }', 'SSN__c: { category: ssn, type: Text, encrypt: none, justification: Tokenized upstream }'), files: field('SSN__c', '    <label>SSN</label>\n    <type>Text</type>') },
    ],
  },
  'phi-field-no-history': {
    vulnerable: [{ name: 'tracking off', files: field('Notes__c', '    <encryptionScheme>ProbabilisticEncryption</encryptionScheme>\n    <label>Notes</label>\n    <trackHistory>false</trackHistory>\n    <type>LongTextArea</type>') }],
    clean: [{ name: 'tracked', files: field('Notes__c', '    <label>Notes</label>\n    <trackHistory>true</trackHistory>\n    <type>LongTextArea</type>') }],
  },
  'phi-object-no-history': {
    vulnerable: [{ name: 'history off', files: object('    <enableHistory>false</enableHistory>\n    <label>Patient</label>\n    <sharingModel>Private</sharingModel>') }],
    clean: [{ name: 'history on', files: object('    <enableHistory>true</enableHistory>\n    <label>Patient</label>\n    <sharingModel>Private</sharingModel>') }],
  },
  'phi-object-sharing': {
    vulnerable: [
      { name: 'public read/write', files: object('    <enableHistory>true</enableHistory>\n    <externalSharingModel>Private</externalSharingModel>\n    <label>Patient</label>\n    <sharingModel>ReadWrite</sharingModel>') },
      { name: 'external read', files: object('    <enableHistory>true</enableHistory>\n    <externalSharingModel>Read</externalSharingModel>\n    <label>Patient</label>\n    <sharingModel>Private</sharingModel>') },
    ],
    clean: [{ name: 'private', files: object('    <enableHistory>true</enableHistory>\n    <externalSharingModel>Private</externalSharingModel>\n    <label>Patient</label>\n    <sharingModel>Private</sharingModel>') }],
  },
  'perm-dangerous': {
    vulnerable: [
      { name: 'View All Data', files: permissionSet('Support', userPermission('ViewAllData')) },
      { name: 'Export Reports', files: permissionSet('Support', userPermission('ExportReport')) },
    ],
    clean: [
      { name: 'API only', files: permissionSet('Support', userPermission('ApiEnabled')) },
      { name: 'disabled', files: permissionSet('Support', userPermission('ModifyAllData').replace('<enabled>true', '<enabled>false')) },
    ],
  },
  'perm-phi-ungranted': {
    vulnerable: [
      { name: 'other permission set reads PHI', files: permissionSet('Support', fieldPermission('Patient__c.Notes__c', true)) },
      { name: 'role edits beyond its grant', files: permissionSet('HIPAA_Nurse', fieldPermission('Patient__c.Notes__c', true, true)) },
    ],
    clean: [
      { name: 'role reads its grant', files: permissionSet('HIPAA_Nurse', fieldPermission('Patient__c.Notes__c', true)) },
      { name: 'explicitly denied', files: permissionSet('Support', fieldPermission('Patient__c.SSN__c', false)) },
    ],
  },
  'perm-view-all-phi-object': {
    vulnerable: [
      { name: 'view all', files: permissionSet('Support', objectPermission(true, false)) },
      { name: 'modify all', files: permissionSet('Support', objectPermission(false, true)) },
    ],
    clean: [{ name: 'read only', files: permissionSet('Support', objectPermission(false, false)) }],
  },
  'remote-site-insecure': {
    vulnerable: [
      { name: 'http', files: remoteSite('http://partner.example.org', false) },
      { name: 'protocol security off', files: remoteSite('https://partner.example.org', true) },
    ],
    clean: [{ name: 'https', files: remoteSite('https://partner.example.org', false) }],
  },
  'connected-app-full-scope': {
    vulnerable: [{ name: 'full', files: connectedApp(['Api', 'Full'], 'specific_lifetime:8:HOURS') }],
    clean: [{ name: 'api only', files: connectedApp(['Api'], 'zero') }],
  },
  'connected-app-eternal-refresh': {
    vulnerable: [
      { name: 'infinite', files: connectedApp(['Api', 'RefreshToken'], 'infinite') },
      { name: 'no policy', files: connectedApp(['Api', 'OfflineAccess']) },
    ],
    clean: [{ name: 'eight hours', files: connectedApp(['Api', 'RefreshToken'], 'specific_lifetime:8:HOURS') }],
  },
  'session-timeout-too-long': {
    vulnerable: [{ name: 'two hours', files: security('        <sessionTimeout>TwoHours</sessionTimeout>') }],
    clean: [{ name: 'fifteen minutes', files: security('        <sessionTimeout>FifteenMinutes</sessionTimeout>') }],
  },
  'mfa-not-required': {
    vulnerable: [{ name: 'nothing requires MFA', files: security('        <enableMFADirectUILoginOptIn>false</enableMFADirectUILoginOptIn>') }],
    clean: [
      { name: 'org-wide', files: security('        <enableMFADirectUILoginOptIn>true</enableMFADirectUILoginOptIn>') },
      { name: 'in the roles', files: permissionSet('HIPAA_Nurse', userPermission('ForceTwoFactor')) },
    ],
  },
  'apex-class-without-sharing': {
    vulnerable: [
      { name: 'without sharing', files: apexClass('PatientService', service('without sharing', '')) },
      { name: 'no keyword', files: apexClass('PatientService', service('', '').replace('public  class', 'public class')) },
    ],
    clean: [
      { name: 'with sharing', files: apexClass('PatientService', service('with sharing', '')) },
      { name: 'inherited sharing', files: apexClass('PatientService', service('inherited sharing', '')) },
      { name: 'no PHI', files: apexClass('MathUtil', 'public class MathUtil {\n    public static Integer twice(Integer i) { return i * 2; }\n}\n') },
    ],
  },
  'apex-query-without-user-mode': {
    vulnerable: [
      { name: 'SOQL', files: apexClass('PatientService', service('with sharing', '        List<Patient__c> all = [SELECT Id, SSN__c FROM Patient__c];')) },
      { name: 'DML on a typed list', files: apexClass('PatientService', service('with sharing', '        update patients;')) },
      { name: 'Database.query', files: apexClass('PatientService', service('with sharing', "        List<SObject> rows = Database.query('SELECT Id FROM Patient__c');")) },
    ],
    clean: [
      { name: 'user mode', files: apexClass('PatientService', service('with sharing', '        update as user patients;')) },
      { name: 'security enforced', files: apexClass('PatientService', service('with sharing', '        List<Patient__c> more = [SELECT Id FROM Patient__c WITH SECURITY_ENFORCED];')) },
      { name: 'stripInaccessible', files: apexClass('PatientService', service('with sharing', '        SObjectAccessDecision d = Security.stripInaccessible(AccessType.READABLE, [SELECT Id, SSN__c FROM Patient__c]);')) },
      { name: 'Database.query in user mode', files: apexClass('PatientService', service('with sharing', "        List<SObject> rows = Database.query('SELECT Id FROM Patient__c', AccessLevel.USER_MODE);")) },
      { name: 'not a PHI object', files: apexClass('PatientService', service('with sharing', '        List<Account> accounts = [SELECT Id FROM Account];')) },
    ],
  },
  'apex-debug-phi': {
    vulnerable: [
      { name: 'a typed list', files: apexClass('PatientService', service('with sharing', '        System.debug(patients);')) },
      { name: 'a PHI field', files: apexClass('PatientService', service('with sharing', '        for (Patient__c p : patients) { System.debug(\'ssn \' + p.SSN__c); }')) },
      { name: 'a map of records', files: apexClass('PatientService', service('with sharing', '        Map<Id, Patient__c> byId = new Map<Id, Patient__c>(patients);\n        System.debug(LoggingLevel.INFO, byId);')) },
      { name: 'in a trigger', files: apexTrigger('PatientTrigger', 'trigger PatientTrigger on Patient__c (before insert) {\n    for (Patient__c p : Trigger.new) {\n        System.debug(p.SSN__c);\n    }\n}\n') },
    ],
    clean: [
      { name: 'a count', files: apexClass('PatientService', service('with sharing', '        System.debug(patients.size());')) },
      { name: 'a fixed text', files: apexClass('PatientService', service('with sharing', "        System.debug('loaded');")) },
      { name: 'accepted inline', files: apexClass('PatientService', service('with sharing', '        // sf-hipaa-ignore apex-debug-phi: sandbox-only diagnostics, stripped by the release pipeline\n        System.debug(patients);')) },
    ],
  },
  'apex-exception-to-user': {
    vulnerable: [
      { name: 'addError', files: apexClass('PatientService', service('with sharing', '        try { update as user patients; } catch (DmlException e) { patients[0].addError(e.getMessage()); }')) },
      { name: 'page message', files: apexClass('PatientService', service('with sharing', '        try { update as user patients; } catch (Exception e) { ApexPages.addMessage(new ApexPages.Message(ApexPages.Severity.ERROR, e.getMessage())); }')) },
      { name: 'AuraHandledException', files: apexClass('PatientService', service('with sharing', '        try { update as user patients; } catch (Exception e) { throw new AuraHandledException(e.getStackTraceString()); }')) },
    ],
    clean: [{ name: 'fixed message', files: apexClass('PatientService', service('with sharing', "        try { update as user patients; } catch (DmlException e) { patients[0].addError('The record could not be saved.'); }")) }],
  },
  'apex-http-callout': {
    vulnerable: [{ name: 'http', files: apexClass('EhrClient', "public with sharing class EhrClient {\n    public static void send() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('http://ehr.example.org/api');\n    }\n}\n") }],
    clean: [
      { name: 'named credential', files: apexClass('EhrClient', "public with sharing class EhrClient {\n    public static void send() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('callout:EHR_API/patients');\n    }\n}\n") },
      { name: 'https', files: apexClass('EhrClient', "public with sharing class EhrClient {\n    public static void send() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('https://ehr.example.org/api');\n    }\n}\n") },
    ],
  },
  'apex-filter-probabilistic': {
    vulnerable: [{ name: 'where SSN', files: apexClass('PatientService', service('with sharing', '        String ssn = \'123\';\n        List<Patient__c> match = [SELECT Id FROM Patient__c WHERE SSN__c = :ssn WITH USER_MODE];')) }],
    clean: [
      { name: 'where Id', files: apexClass('PatientService', service('with sharing', '')) },
      { name: 'deterministic', profile: PROFILE.replace('SSN__c: { category: ssn, type: Text }', 'SSN__c: { category: ssn, type: Text, encrypt: deterministic }'), files: apexClass('PatientService', service('with sharing', '        String ssn = \'123\';\n        List<Patient__c> match = [SELECT Id FROM Patient__c WHERE SSN__c = :ssn WITH USER_MODE];')) },
    ],
  },
  'phi-object-no-retention': {
    vulnerable: [{ name: 'no retention', profile: PROFILE.replace('      retention: { dateField: CreatedDate, afterDays: 2555 }\n', ''), files: {} }],
    clean: [{ name: 'retention set', files: {} }],
  },
};
