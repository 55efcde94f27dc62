import { expect } from 'chai';
import { mergeMetadata, ownedDigest, renderMetadata, UnknownElementError } from '../../../src/metadata/xml.js';
import { schemaProblems } from '../../support/metadataSchema.js';

const HANDMADE_CONTACT = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionOverrides>
        <actionName>View</actionName>
        <type>Default</type>
    </actionOverrides>
    <!-- history was off until the audit -->
    <enableHistory>false</enableHistory>
    <enableFeeds>true</enableFeeds>
    <searchLayouts>
        <searchResultsAdditionalFields>Contact.Title</searchResultsAdditionalFields>
    </searchLayouts>
    <sharingModel>ControlledByParent</sharingModel>
</CustomObject>
`;

describe('metadata XML', () => {
  it('writes elements in schema order whatever order the content has, byte-identical every time', () => {
    const content = { label: 'X', description: 'a & <b>', hasActivationRequired: false, userPermissions: [{ name: 'ApiEnabled', enabled: true }] };
    const xml = renderMetadata('PermissionSet', content, 66);
    expect(xml).to.equal(`<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <description>a &amp; &lt;b&gt;</description>
    <hasActivationRequired>false</hasActivationRequired>
    <label>X</label>
    <userPermissions>
        <enabled>true</enabled>
        <name>ApiEnabled</name>
    </userPermissions>
</PermissionSet>
`);
    expect(renderMetadata('PermissionSet', { ...content }, 66)).to.equal(xml);
  });

  it('leaves out elements the API version does not know', () => {
    expect(renderMetadata('PermissionSet', { hasActivationRequired: true, label: 'X' }, 52)).to.not.include('hasActivationRequired');
    expect(renderMetadata('PermissionSet', { hasActivationRequired: true, label: 'X' }, 53)).to.include('hasActivationRequired');
  });

  it('refuses an element its type does not have', () => {
    expect(() => renderMetadata('CustomField', { encryption: 'x' }, 66)).to.throw(UnknownElementError, 'CustomField has no element encryption');
  });

  it('merges only the owned elements into a hand-made file, keeping the rest and its comments in schema order', () => {
    const merged = mergeMetadata('CustomObject', HANDMADE_CONTACT, { enableHistory: true }, ['enableHistory', 'historyRetentionPolicy'], 66);
    expect(merged).to.equal(`<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionOverrides>
        <actionName>View</actionName>
        <type>Default</type>
    </actionOverrides>
    <enableFeeds>true</enableFeeds>
    <!-- history was off until the audit -->
    <enableHistory>true</enableHistory>
    <searchLayouts>
        <searchResultsAdditionalFields>Contact.Title</searchResultsAdditionalFields>
    </searchLayouts>
    <sharingModel>ControlledByParent</sharingModel>
</CustomObject>
`);
    expect(schemaProblems(merged, 'CustomObject')).to.deep.equal([]);
  });

  it('merges owned elements inside a parent element, keeping its other children', () => {
    const existing = `<?xml version="1.0" encoding="UTF-8"?>
<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <sessionSettings>
        <enableClickjackSetup>true</enableClickjackSetup>
        <sessionTimeout>TwoHours</sessionTimeout>
    </sessionSettings>
</SecuritySettings>
`;
    const merged = mergeMetadata('SecuritySettings', existing, { sessionSettings: { sessionTimeout: 'FifteenMinutes', lockSessionsToIp: true } }, ['sessionSettings.sessionTimeout', 'sessionSettings.lockSessionsToIp'], 66);
    expect(merged).to.equal(`<?xml version="1.0" encoding="UTF-8"?>
<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <sessionSettings>
        <enableClickjackSetup>true</enableClickjackSetup>
        <lockSessionsToIp>true</lockSessionsToIp>
        <sessionTimeout>FifteenMinutes</sessionTimeout>
    </sessionSettings>
</SecuritySettings>
`);
    const owned = ['sessionSettings.sessionTimeout'];
    expect(ownedDigest('SecuritySettings', merged.replace('<enableClickjackSetup>true', '<enableClickjackSetup>false'), owned)).to.equal(ownedDigest('SecuritySettings', merged, owned));
    expect(ownedDigest('SecuritySettings', merged.replace('FifteenMinutes', 'TwoHours'), owned)).to.not.equal(ownedDigest('SecuritySettings', merged, owned));
  });

  it('digests only the owned elements, so edits elsewhere in a shared file do not count', () => {
    const merged = mergeMetadata('CustomObject', HANDMADE_CONTACT, { enableHistory: true }, ['enableHistory'], 66);
    const editedElsewhere = merged.replace('<enableFeeds>true</enableFeeds>', '<enableFeeds>false</enableFeeds>');
    const editedOwned = merged.replace('<enableHistory>true</enableHistory>', '<enableHistory>false</enableHistory>');
    expect(ownedDigest('CustomObject', editedElsewhere, ['enableHistory'])).to.equal(ownedDigest('CustomObject', merged, ['enableHistory']));
    expect(ownedDigest('CustomObject', editedOwned, ['enableHistory'])).to.not.equal(ownedDigest('CustomObject', merged, ['enableHistory']));
    expect(ownedDigest('CustomObject', editedElsewhere, undefined)).to.not.equal(ownedDigest('CustomObject', merged, undefined));
  });

  it('the schema check of the tests catches misordered elements, unknown elements and illegal enum values', () => {
    const bad = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <trackHistory>true</trackHistory>
    <encryptionScheme>Probabilistic</encryptionScheme>
    <colour>red</colour>
</CustomField>
`;
    expect(schemaProblems(bad, 'CustomField')).to.deep.equal([
      'CustomField: <encryptionScheme> comes after <trackHistory>, out of schema order',
      'CustomField.encryptionScheme: "Probabilistic" is not a EncryptionScheme (None | ProbabilisticEncryption | CaseSensitiveDeterministicEncryption | CaseInsensitiveDeterministicEncryption)',
      'CustomField: CustomField has no element <colour>',
    ]);
    const noAction = `<?xml version="1.0" encoding="UTF-8"?>
<TransactionSecurityPolicy xmlns="http://soap.sforce.com/2006/04/metadata">
    <apexClass>RFC_Cond</apexClass>
</TransactionSecurityPolicy>
`;
    expect(schemaProblems(noAction, 'TransactionSecurityPolicy')).to.deep.equal([]);
    expect(schemaProblems(noAction, 'TransactionSecurityPolicy', { complete: true })).to.deep.equal([
      'TransactionSecurityPolicy: required <action> missing',
      'TransactionSecurityPolicy: required <active> missing',
    ]);
  });
});

describe('element order table', () => {
  it('is the one @salesforce/types gives (run "npm run metadata:order" after upgrading it)', async () => {
    const { ORDER_FILE, renderElementOrder } = await import('../../../scripts/metadata-order.js');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(ORDER_FILE, 'utf8')).to.equal(renderElementOrder());
  });
});
