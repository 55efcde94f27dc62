import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildBaseline } from '../../../src/baseline/registry.js';
import { loadProfileText } from '../../../src/profile/load.js';
import type { Profile } from '../../../src/profile/model.js';
import { renderMetadata } from '../../../src/metadata/xml.js';
import { EXAMPLE_PROFILE } from '../../support/paths.js';
import { schemaProblems } from '../../support/metadataSchema.js';

const EXAMPLE = readFileSync(EXAMPLE_PROFILE, 'utf8');

function profile(text = EXAMPLE): Profile {
  const r = loadProfileText('p.yaml', text);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

const find = (p: Profile, type: string, fullName: string): Record<string, unknown> => {
  const c = buildBaseline(p).find((x) => x.type === type && x.fullName === fullName);
  if (!c) throw new Error(`no ${type} ${fullName}`);
  return c.content as Record<string, unknown>;
};

describe('baseline components', () => {
  it('writes every component in Metadata API element order with legal enum values (@salesforce/types)', () => {
    for (const apiVersion of ['66.0', '58.0', '50.0']) {
      const p = profile(EXAMPLE.replace('prefix: RFC', `prefix: RFC\napiVersion: "${apiVersion}"`));
      for (const c of buildBaseline(p)) {
        const problems = schemaProblems(renderMetadata(c.root, c.content, Number(apiVersion)), c.root, { complete: c.owned === undefined });
        expect(problems, `${apiVersion} ${c.type} ${c.fullName}`).to.deep.equal([]);
      }
    }
  });

  it('lists every PHI field in every permission set, readable only as the role grants, never View All or Modify All', () => {
    const p = profile();
    const phiFields = p.objects.flatMap((o) => o.fields.map((f) => f.fullName)).sort();
    for (const role of p.roles) {
      const ps = find(p, 'PermissionSet', role.permissionSet);
      const fields = ps.fieldPermissions as Array<{ field: string; readable: boolean; editable: boolean }>;
      expect(fields.map((f) => f.field)).to.deep.equal(phiFields);
      const granted = new Set(role.objects.flatMap((o) => o.read));
      for (const f of fields) expect(f.readable, `${role.name} ${f.field}`).to.equal(granted.has(f.field));
      for (const o of ps.objectPermissions as Array<Record<string, unknown>>) {
        expect(o.viewAllRecords).to.equal(false);
        expect(o.modifyAllRecords).to.equal(false);
      }
    }
    const billing = find(p, 'PermissionSet', 'RFC_Billing').fieldPermissions as Array<{ field: string; readable: boolean }>;
    expect(billing.filter((f) => f.readable).map((f) => f.field)).to.deep.equal(['Encounter__c.Visit_Date__c', 'Patient__c.Insurance_Member_Id__c', 'Patient__c.Medical_Record_Number__c']);
  });

  it('requires MFA through ForceTwoFactor and session-activates the emergency role', () => {
    const p = profile();
    expect(find(p, 'PermissionSet', 'RFC_Clinician').userPermissions).to.deep.equal([{ enabled: true, name: 'ApiEnabled' }, { enabled: true, name: 'ForceTwoFactor' }]);
    expect(find(p, 'PermissionSet', 'RFC_BreakGlass').hasActivationRequired).to.equal(true);
    expect(find(p, 'PermissionSet', 'RFC_Billing').hasActivationRequired).to.equal(false);
  });

  it('groups a role with the roles it includes', () => {
    const p = profile(EXAMPLE.replace('  Billing:\n', '  Billing:\n    includes: [FrontDesk]\n'));
    expect(find(p, 'PermissionSetGroup', 'RFC_Billing_Group').permissionSets).to.deep.equal(['RFC_Billing', 'RFC_FrontDesk']);
  });

  it('encrypts, tracks and classifies every PHI field; standard fields get only those attributes', () => {
    const p = profile();
    expect(find(p, 'CustomField', 'Patient__c.Medical_Record_Number__c')).to.deep.include({ encryptionScheme: 'CaseSensitiveDeterministicEncryption', trackHistory: true, complianceGroup: 'HIPAA', securityClassification: 'Restricted', type: 'Text', length: 40 });
    expect(Object.keys(find(p, 'CustomField', 'Contact.Birthdate')).sort()).to.deep.equal(['complianceGroup', 'description', 'encryptionScheme', 'fullName', 'securityClassification', 'trackHistory']);
    expect(find(p, 'CustomObject', 'Patient__c')).to.deep.include({ sharingModel: 'Private', externalSharingModel: 'Private', enableHistory: true });
    expect(find(p, 'CustomObject', 'Contact')).to.deep.equal({ enableHistory: true, historyRetentionPolicy: undefined });
  });

  it('enables deterministic encryption only when a field uses it', () => {
    expect(find(profile(), 'Settings', 'PlatformEncryption').enableDeterministicEncryption).to.equal(true);
    const none = profile(EXAMPLE.replace(', encrypt: deterministic }', ' }'));
    expect(find(none, 'Settings', 'PlatformEncryption').enableDeterministicEncryption).to.equal(false);
  });

  it('maps session and password policies to the Metadata API enums', () => {
    const security = find(profile(), 'Settings', 'Security');
    expect(security.sessionSettings).to.deep.equal({ forceLogoutOnSessionTimeout: true, lockSessionsToDomain: true, lockSessionsToIp: true, sessionTimeout: 'FifteenMinutes' });
    expect(security.passwordPolicies).to.deep.include({ expiration: 'NinetyDays', maxLoginAttempts: 'FiveAttempts', lockoutInterval: 'ThirtyMinutes', minimumPasswordLength: '12' });
  });

  it('makes each app an External Client App with exactly its scopes, or a Connected App before API 59', () => {
    const p = profile();
    expect(find(p, 'ExtlClntAppOauthSettings', 'EHR_Sync_oauth').commaSeparatedOauthScopes).to.equal('Api, RefreshToken');
    expect(find(p, 'ExtlClntAppOauthConfigurablePolicies', 'EHR_Sync_oauthPlcy')).to.deep.include({ permittedUsersPolicyType: 'AdminApprovedPreAuthorized', refreshTokenPolicyType: 'SpecificLifetime', refreshTokenValidityPeriod: 30, ipRelaxationPolicyType: 'Enforce' });
    const old = profile(EXAMPLE.replace('prefix: RFC', 'prefix: RFC\napiVersion: "58.0"'));
    expect(buildBaseline(old).filter((c) => c.type.startsWith('Ext') && c.type !== 'ExternalCredential')).to.deep.equal([]);
    expect((find(old, 'ConnectedApp', 'EHR_Sync').oauthConfig as Record<string, unknown>).scopes).to.deep.equal(['Api', 'RefreshToken']);
  });

  it('makes each endpoint a Named Credential with an External Credential, never a Remote Site Setting', () => {
    const baseline = buildBaseline(profile());
    expect(baseline.filter((c) => c.type === 'RemoteSiteSetting')).to.deep.equal([]);
    const nc = find(profile(), 'NamedCredential', 'EHR_API');
    expect(nc.namedCredentialParameters).to.deep.include({ parameterName: 'Url', parameterType: 'Url', parameterValue: 'https://ehr.riverside-clinic.example/api' });
    expect(nc).to.deep.include({ allowMergeFieldsInBody: false, allowMergeFieldsInHeader: false, namedCredentialType: 'SecuredEndpoint' });
    expect(baseline.some((c) => c.type === 'ExternalCredential' && c.fullName === 'EHR_API_Auth')).to.be.true;
  });

  it('names the controls each component implements', () => {
    for (const c of buildBaseline(profile())) expect(c.controls, `${c.type} ${c.fullName}`).to.not.be.empty;
    expect(buildBaseline(profile()).find((c) => c.fullName === 'RFC_BreakGlass')?.controls).to.include('access.emergency');
  });
});
